"""jupyter_kernel_test.KernelTests against the installed jparallel kernel, with every sample
a Java kernel can serve, plus the protocol details basekernel 2.3.0 got wrong (kernel_info
status, history, silent, store_history, user_expressions, stop_on_error)."""
import time
import unittest
import urllib.error
import urllib.request

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

import harness


class JParallelKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = harness.KERNEL_NAME
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Syst", "matches": {"System"}},
        {"text": "Integer.MAX", "matches": {"MAX_VALUE"}},
        {"text": '"abc".len', "matches": {"length()"}},
        {"text": "%cl", "matches": {"classpath", "cluster"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", 'System.out.println("a");', "%lsmagic", "class A {}"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "class B {", "void f() {"]
    invalid_code_samples = ["int x = ;", 'String s = "abc']

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "1 + 1", "result": "2"},
        {"code": '"jpar" + "allel"', "result": '"jparallel"'},
        {"code": "Math.max(3, 7)", "result": "7"},
    ]

    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": "display(42);", "mime": "text/plain"},
    ]

    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max("

    # --- beyond jupyter_kernel_test -------------------------------------------------------

    def test_kernel_info_on_control(self):
        self.flush_channels()
        msg = self.kc.session.msg("kernel_info_request")
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=15)
        validate_message(reply, "kernel_info_reply", msg["header"]["msg_id"])
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["language_info"]["file_extension"], ".jsh")

    def test_error_reply_names_the_exception(self):
        self.flush_channels()
        reply, out = harness.execute(self.kc, 'throw new IllegalStateException("boom");')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "java.lang.IllegalStateException")
        self.assertEqual(reply["evalue"], "boom")
        frames = "\n".join(reply["traceback"])
        self.assertNotIn("io.jparallel", frames)
        self.assertNotIn("jdk.jshell", frames)

    def test_compile_error_reply(self):
        self.flush_channels()
        reply, out = harness.execute(self.kc, "int x = ;")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "CompileError")
        self.assertIn("illegal start of expression", reply["evalue"])
        self.assertEqual([m["msg_type"] for m in out], ["execute_input", "error"])

    def test_silent_publishes_nothing_and_keeps_the_count(self):
        self.flush_channels()
        before, _ = harness.execute(self.kc, "int silentProbe = 1;")
        reply, out = harness.execute(self.kc, 'System.out.println("shh"); 5', silent=True)
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(out, [], "a silent request publishes no execute_input, stream or result")
        after, _ = harness.execute(self.kc, "silentProbe")
        self.assertEqual(reply["execution_count"], before["execution_count"])
        self.assertEqual(after["execution_count"], before["execution_count"] + 1)

    def test_store_history_false(self):
        self.flush_channels()
        reply, _ = harness.execute(self.kc, "int notStored = 11;", store_history=False)
        msg_id = self.kc.history(hist_access_type="tail", n=50, raw=True, output=False)
        hist = harness.shell_reply(self.kc, msg_id)["content"]["history"]
        self.assertNotIn("int notStored = 11;", [h[2] for h in hist])

    def test_user_expressions(self):
        self.flush_channels()
        reply, _ = harness.execute(self.kc, "int ue = 21;", user_expressions={"twice": "ue * 2", "bad": "noSuchVar"})
        ue = reply["user_expressions"]
        self.assertEqual(ue["twice"]["status"], "ok")
        self.assertEqual(ue["twice"]["data"]["text/plain"], "42")
        self.assertEqual(ue["bad"]["status"], "error")
        self.assertEqual(ue["bad"]["ename"], "CompileError")

    def test_stop_on_error_aborts_queued_cells(self):
        self.flush_channels()
        failing = self.kc.execute('Thread.sleep(300); throw new RuntimeException("first");')
        queued = [self.kc.execute(f'System.out.println("queued {i}");') for i in range(3)]
        self.assertEqual(harness.shell_reply(self.kc, failing)["content"]["status"], "error")
        for msg_id in queued:
            self.assertEqual(harness.shell_reply(self.kc, msg_id)["content"]["status"], "aborted")
        reply, out = harness.execute(self.kc, 'System.out.println("runs again");')
        self.assertEqual(reply["status"], "ok")
        self.assertIn("runs again", harness.stdout_of(out))

    def test_stop_on_error_false_keeps_running(self):
        self.flush_channels()
        failing = self.kc.execute('Thread.sleep(300); throw new RuntimeException("first");', stop_on_error=False)
        queued = self.kc.execute("40 + 2")
        self.assertEqual(harness.shell_reply(self.kc, failing)["content"]["status"], "error")
        self.assertEqual(harness.shell_reply(self.kc, queued)["content"]["status"], "ok")

    def test_println_output_is_batched(self):
        self.flush_channels()
        reply, out = harness.execute(self.kc, 'for (int i = 0; i < 2000; i++) System.out.println("line " + i);')
        self.assertEqual(reply["status"], "ok")
        text = harness.stdout_of(out)
        self.assertEqual(text.count("\n"), 2000)
        streams = [m for m in out if m["msg_type"] == "stream"]
        self.assertLess(len(streams), 100, f"{len(streams)} stream messages for 2000 lines")

    def test_magics(self):
        self.flush_channels()
        reply, out = harness.execute(self.kc, "%lsmagic")
        self.assertEqual(reply["status"], "ok")
        self.assertIn("%px", harness.stdout_of(out))
        reply, out = harness.execute(self.kc, "%nosuchmagic")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "UsageError")
        reply, out = harness.execute(self.kc, "%timeit -n 10 -r 2 Math.sqrt(2)")
        self.assertEqual(reply["status"], "ok")
        self.assertIn("per loop", harness.stdout_of(out))

    def test_dashboard_magic_shows_the_link_and_a_snapshot(self):
        self.flush_channels()
        reply, _ = harness.execute(self.kc, "%cluster start -n 1", timeout=120)
        self.assertEqual(reply["status"], "ok")
        try:
            reply, out = harness.execute(self.kc, "%dashboard", timeout=60)
            self.assertEqual(reply["status"], "ok")
            shown = [m["content"]["data"] for m in out if m["msg_type"] in ("execute_result", "display_data")]
            self.assertEqual(len(shown), 1, out)
            url = shown[0]["text/plain"].replace("dashboard: ", "").strip().strip('"')
            self.assertRegex(url, r"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{48}$")
            self.assertIn('href="%s"' % url, shown[0]["text/html"])
            self.assertIn('data-engine="0"', shown[0]["text/html"])
            with urllib.request.urlopen(url, timeout=10) as page:
                self.assertEqual(page.status, 200)
            with self.assertRaises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url.split("?")[0], timeout=10)
            self.assertEqual(refused.exception.code, 403)
        finally:
            harness.execute(self.kc, "%cluster stop", timeout=60)
            time.sleep(1)
            harness.drain(self.kc)  # notices of the engines leaving may come after the cell


if __name__ == "__main__":
    unittest.main(verbosity=2)
