"""Hostile and broken messages on the shell and control sockets: garbage, truncated, forged
(bad HMAC), validly signed garbage JSON, and replays of a captured message. Each is dropped
(logged by the kernel), and the kernel keeps serving real clients."""
import hashlib
import hmac
import json
import unittest
import uuid

import zmq
from jupyter_client.session import Session

import harness


class WireRobustnessTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = harness.start()
        info = cls.km.get_connection_info()
        cls.key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
        cls.ports = {"shell": info["shell_port"], "control": info["control_port"], "hb": info["hb_port"]}
        cls.ip = info["ip"]
        cls.ctx = zmq.Context()
        cls.session = Session(key=cls.key, signature_scheme="hmac-sha256")

    @classmethod
    def tearDownClass(cls):
        cls.ctx.destroy(linger=0)
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    def socket(self, channel):
        s = self.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(f"tcp://{self.ip}:{self.ports[channel]}")
        self.addCleanup(s.close)
        return s

    def assert_alive(self):
        msg_id = self.kc.kernel_info()
        reply = harness.shell_reply(self.kc, msg_id, timeout=10)
        self.assertEqual(reply["content"]["status"], "ok")
        content, out = harness.execute(self.kc, "6 * 7")
        self.assertEqual(content["status"], "ok")

    def assert_no_reply(self, sock, wait_ms=700):
        self.assertEqual(sock.poll(wait_ms), 0, "the kernel answered a message it should have dropped")

    def signed_frames(self, header, parent, metadata, content):
        parts = [json.dumps(p).encode() for p in (header, parent, metadata, content)]
        sig = hmac.new(self.key, b"".join(parts), hashlib.sha256).hexdigest().encode()
        return [b"<IDS|MSG>", sig] + parts

    def header(self, msg_type):
        return {"msg_id": str(uuid.uuid4()), "msg_type": msg_type, "session": "attacker", "username": "x",
                "date": "2024-01-01T00:00:00Z", "version": "5.3"}

    def test_garbage_frames(self):
        for channel in ("shell", "control"):
            s = self.socket(channel)
            s.send_multipart([b"hello"])
            s.send_multipart([b"\xff\xfe\x00", b"", b"{}"])
            s.send_multipart([b"<IDS|MSG>"])
            self.assert_no_reply(s)
        self.assert_alive()

    def test_truncated_message(self):
        s = self.socket("shell")
        frames = self.signed_frames(self.header("kernel_info_request"), {}, {}, {})
        s.send_multipart(frames[:4])
        self.assert_no_reply(s)
        self.assert_alive()

    def test_forged_signature(self):
        for channel in ("shell", "control"):
            s = self.socket(channel)
            frames = self.signed_frames(self.header("execute_request"), {}, {},
                                        {"code": 'System.out.println("forged")', "silent": False})
            frames[1] = b"0" * 64
            s.send_multipart(frames)
            self.assert_no_reply(s)
            frames[1] = b""
            s.send_multipart(frames)
            self.assert_no_reply(s)
        self.assert_alive()

    def test_signed_garbage_json(self):
        s = self.socket("shell")
        parts = [b"not json", b"{}", b"{}", b"{}"]
        sig = hmac.new(self.key, b"".join(parts), hashlib.sha256).hexdigest().encode()
        s.send_multipart([b"<IDS|MSG>", sig] + parts)
        parts = [json.dumps({"msg_type": "kernel_info_request"}).encode(), b"{}", b"{}", b"[]"]
        sig = hmac.new(self.key, b"".join(parts), hashlib.sha256).hexdigest().encode()
        s.send_multipart([b"<IDS|MSG>", sig] + parts)
        self.assert_no_reply(s)
        self.assert_alive()

    def test_replayed_message_is_rejected(self):
        s = self.socket("shell")
        frames = self.signed_frames(self.header("kernel_info_request"), {}, {}, {})
        s.send_multipart(frames)
        self.assertEqual(s.poll(10000), zmq.POLLIN, "the genuine message gets a reply")
        s.recv_multipart()
        s.send_multipart(frames)
        self.assert_no_reply(s)
        self.assert_alive()

    def test_heartbeat_echoes(self):
        s = self.ctx.socket(zmq.REQ)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(f"tcp://{self.ip}:{self.ports['hb']}")
        self.addCleanup(s.close)
        s.send(b"ping-123")
        self.assertEqual(s.poll(5000), zmq.POLLIN)
        self.assertEqual(s.recv(), b"ping-123")

    def test_valid_raw_message_is_served(self):
        s = self.socket("control")
        frames = self.signed_frames(self.header("kernel_info_request"), {}, {}, {})
        s.send_multipart(frames)
        self.assertEqual(s.poll(10000), zmq.POLLIN)
        reply = s.recv_multipart()
        idx = reply.index(b"<IDS|MSG>")
        header, parent, metadata, content = (json.loads(p) for p in reply[idx + 2: idx + 6])
        expected = hmac.new(self.key, b"".join(reply[idx + 2: idx + 6]), hashlib.sha256).hexdigest().encode()
        self.assertEqual(reply[idx + 1], expected, "replies are signed")
        self.assertEqual(header["msg_type"], "kernel_info_reply")
        self.assertEqual(content["status"], "ok")


if __name__ == "__main__":
    unittest.main(verbosity=2)
