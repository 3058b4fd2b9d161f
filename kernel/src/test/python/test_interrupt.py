"""Interrupts by message: a local `while (true) {}` and a long %px wait stop, the kernel
keeps its state and answers; %px --noblock output that arrives after its cell ended is still
published to that cell; shutting the kernel down stops the cluster it started."""
import os
import time
import unittest

import harness


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


class InterruptTests(harness.KernelTestCase):
    def interrupt_after(self, msg_id, delay):
        """Interrupts, then waits for the reply: the cells never end by themselves (or only after
        minutes), so a reply within the timeout means the interrupt stopped them."""
        time.sleep(delay)
        self.km.interrupt_kernel()
        reply = harness.shell_reply(self.kc, msg_id, timeout=30)
        harness.iopub_until_idle(self.kc, msg_id)
        return reply["content"]

    def test_1_interrupt_local_loop(self):
        harness.drain(self.kc)
        harness.execute(self.kc, "int kept = 41;")
        msg_id = self.kc.execute("while (true) {}")
        reply = self.interrupt_after(msg_id, 1.0)
        self.assertEqual(reply["status"], "error")
        content, out = harness.execute(self.kc, "kept + 1")
        self.assertEqual(content["status"], "ok")
        result = [m for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(result[0]["content"]["data"]["text/plain"], "42")

    def test_2_interrupt_px_wait_and_late_output(self):
        harness.drain(self.kc)
        content, out = harness.execute(self.kc, "%cluster start -n 2", timeout=120)
        self.assertEqual(content["status"], "ok", out)
        msg_id = self.kc.execute("%px Thread.sleep(120_000);")
        reply = self.interrupt_after(msg_id, 2.0)
        self.assertIn(reply["status"], ("error", "aborted"))
        content, out = harness.execute(self.kc, "1 + 1")
        self.assertEqual(content["status"], "ok")

        # a %px whose engines failed is an error reply naming the remote exception
        for _ in range(30):  # an engine whose aborted task overran the grace period may be restarting
            content, out = harness.execute(self.kc, "%px int z = 1 / 0;")
            if "ArithmeticException" in content.get("ename", "") + content.get("evalue", ""):
                break
            time.sleep(1)
        self.assertEqual(content["status"], "error")
        print("%px failure:", content["ename"], "|", content["evalue"][:200])
        self.assertIn("ArithmeticException", content["ename"] + content["evalue"])
        self.assertIn("/ by zero", content["evalue"])

        # streamed output of a --noblock task arrives after its cell ended, with that cell as parent
        msg_id = self.kc.execute('%px --noblock --stream Thread.sleep(1500); System.out.println("late hello");')
        reply = harness.shell_reply(self.kc, msg_id, timeout=60)
        self.assertEqual(reply["content"]["status"], "ok")
        harness.iopub_until_idle(self.kc, msg_id)
        late = ""
        deadline = time.monotonic() + 30
        while "late hello" not in late and time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            if msg["msg_type"] == "stream" and msg["parent_header"].get("msg_id") == msg_id:
                late += msg["content"]["text"]
        self.assertIn("late hello", late)

    def test_3_shutdown_stops_the_cluster(self):
        harness.drain(self.kc)
        # an engine whose aborted task overran the grace period is being restarted: retry
        deadline = time.monotonic() + 30
        while True:
            content, out = harness.execute(self.kc, "dv.apply(() -> ProcessHandle.current().pid())", timeout=60)
            if content["status"] == "ok" or time.monotonic() > deadline:
                break
            time.sleep(1)
        self.assertEqual(content["status"], "ok", out)
        text = [m for m in out if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"]
        pids = [int(p) for p in text.strip("[] ").split(",")]
        self.assertEqual(len(pids), 2)
        self.assertTrue(all(pid_alive(p) for p in pids))
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
        deadline = time.monotonic() + 15
        while any(pid_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertFalse([p for p in pids if pid_alive(p)], "engine JVMs outlived the kernel")


if __name__ == "__main__":
    unittest.main(verbosity=2)
