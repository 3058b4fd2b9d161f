"""Shared helpers for the jparallel kernel's Jupyter-client tests.

The kernelspec is found through JUPYTER_PATH (the JUnit runner installs it into a temporary
prefix); its name comes from JPARALLEL_KERNEL_NAME (default: jparallel).
"""
import os
import time
import unittest
from queue import Empty

from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("JPARALLEL_KERNEL_NAME", "jparallel")


def start(startup_timeout=90):
    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=startup_timeout)


class KernelTestCase(unittest.TestCase):
    """Tests sharing one kernel per class: started before the first, shut down after the last."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start()

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)


def shell_reply(kc, msg_id, timeout=30):
    """The shell reply to msg_id (skipping stray kernel_info replies of the startup handshake)."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no reply to {msg_id} within {timeout} s")
        msg = kc.get_shell_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_until_idle(kc, msg_id, timeout=30):
    """IOPub messages of one request up to its idle status (status messages excluded)."""
    out = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no idle for {msg_id} within {timeout} s")
        msg = kc.get_iopub_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                return out
            continue
        out.append(msg)


def execute(kc, code, timeout=60, **kwargs):
    """Runs code; returns (reply content, IOPub messages of the request)."""
    msg_id = kc.execute(code, **kwargs)
    reply = shell_reply(kc, msg_id, timeout)
    return reply["content"], iopub_until_idle(kc, msg_id, timeout)


def drain(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.2)
            except Empty:
                break


def stdout_of(msgs):
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
