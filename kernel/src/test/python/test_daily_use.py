"""Issue 10 through jupyter_client: what a new user trips over in a notebook or jupyter console,
item by item, on a 2-engine cluster the kernel starts (%cluster start)."""
import re
import unittest

import harness


def texts(msgs, kind="stdout"):
    return "".join(m["content"]["text"] for m in msgs
                   if m["msg_type"] == "stream" and m["content"]["name"] == kind)


def displayed(msgs):
    return "\n".join(m["content"]["data"].get("text/plain", "") for m in msgs
                     if m["msg_type"] in ("display_data", "execute_result"))


class DailyUseTests(harness.KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        content, out = harness.execute(cls.kc, "%cluster start -n 2", timeout=180)
        assert content["status"] == "ok", (content, out)

    def ok(self, code, timeout=60):
        content, out = harness.execute(self.kc, code, timeout=timeout)
        self.assertEqual(content["status"], "ok", (code, content, out))
        return out

    def fails(self, code):
        content, out = harness.execute(self.kc, code)
        self.assertEqual(content["status"], "error", (code, content, out))
        return content, out

    def result(self, code):
        out = self.ok(code)
        values = [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"]
        self.assertEqual(len(values), 1, (code, out))
        return values[0]

    def test_01_a_failed_map_can_be_declared_again(self):
        self.ok("Object lock = new Object();")
        content, _ = self.fails("List<Integer> q = lv.map(x -> lock.hashCode(), List.of(1));")
        self.assertIn("REPL variable 'lock'", content["evalue"])
        self.ok("List<Integer> q = lv.map(x -> x + 1, List.of(1));")
        self.assertEqual(self.result("q"), "[2]")

    def test_02_time_counts_a_short_run_as_user_time(self):
        self.ok("int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }")
        out = texts(self.ok("%time fib(24)"))
        self.assertIn("CPU times: user", out)
        self.assertNotIn("user 0 ns", out)

    def test_03_errors_read_once_and_group_by_engine(self):
        content, _ = self.fails("undefinedThing")
        self.assertEqual(content["ename"], "CompileError")
        tb = "\n".join(content["traceback"])
        self.assertEqual(tb.count("cannot find symbol"), 1, tb)
        self.assertTrue(tb.startswith("CompileError: cannot find symbol"), tb)
        content, _ = self.fails("%timeit")
        self.assertEqual(content["ename"], "UsageError")
        content, _ = self.fails("%px int y = undefinedThing;")
        tb = "\n".join(content["traceback"])
        self.assertIn("[0, 1:execute] CompileError: cannot find symbol", tb)
        self.assertEqual(tb.count("symbol:"), 1, tb)
        self.ok('dv.scatter("part", List.of(0, 1));')
        content, out = self.fails("%px 10 / part.get(0)")
        self.assertRegex(displayed(out), r"Out\[1:\d+\]: 10")
        self.assertIn("[0:execute] java.lang.ArithmeticException", "\n".join(content["traceback"]))
        content, _ = self.fails('dv.push(Map.of("bad", new Object()))')
        self.assertNotIn("forEach", "\n".join(content["traceback"]))

    def test_04_jshell_commands(self):
        self.ok("int kept = 5;")
        self.assertIn("|    int kept = 5\n", texts(self.ok("/vars")))
        self.assertIn("|    int fib(int)\n", texts(self.ok("/methods")))
        self.assertRegex(texts(self.ok("/list")), r"(?m)^ +\d+ : int kept = 5;$")
        self.assertIn("|  dropped variable kept", texts(self.ok("/drop kept")))
        self.assertIn("/reset", texts(self.ok("/help")))
        self.assertIn("int fib(int n)", texts(self.ok("/history")))
        content, _ = self.fails("/nosuchcommand")
        self.assertEqual(content["ename"], "UsageError")

    def test_05_refs_resolve_on_each_engine(self):
        self.ok('dv.scatter("chunk", List.of(1, 2, 3));')
        self.assertEqual(self.result('dv.apply(r -> ((List<?>) r.get()).size(), Ref.of("chunk"))'), "[2, 1]")
        self.assertEqual(self.result('lv.map(r -> ((List<?>) r.get()).isEmpty(), List.of(Ref.of("chunk")))'),
                         "[false]")

    def test_06_maps_go_out_in_chunks(self):
        self.assertEqual(self.result("lv.chunkSize(2).mapAsync(x -> x * 10, List.of(1, 2, 3, 4, 5)).size()"), "3")
        self.assertEqual(self.result("lv.chunkSize(2).map(x -> x * 10, List.of(1, 2, 3, 4, 5))"),
                         "[10, 20, 30, 40, 50]")

    def test_07_who_whos_and_result(self):
        self.ok('dv.push(Map.of("engineSide", 5));')
        who = texts(self.ok("%px %who"))
        self.assertRegex(who, r"\[stdout:0\] .*engineSide")
        self.assertRegex(texts(self.ok("%px %whos")), r"engineSide +Integer +5")
        self.assertIn("lock", texts(self.ok("%who")))
        self.ok("%px 6 * 7")
        self.assertRegex(displayed(self.ok("%result")), r"Out\[0:\d+\]: 42")
        self.assertNotIn("[0:", displayed(self.ok("%pxresult --targets 1")))

    def test_08_repl_records_travel(self):
        self.ok("record Sample(int a) {}")
        self.assertEqual(self.result("lv.apply(s -> s.a() * 2, new Sample(21))"), "42")
        self.ok("class Plain {}")
        content, _ = self.fails("lv.apply(p -> 1, new Plain())")
        self.assertIn("of type Plain cannot be sent", content["evalue"])
        self.assertNotIn("$JShell$", content["evalue"])

    def test_09_housekeeping(self):
        out = self.ok('dv.execute("System.out.println(40 + 2)")')
        self.assertEqual(texts(out), "[stdout:0] 42\n[stdout:1] 42\n")
        self.assertFalse([m for m in out if m["msg_type"] == "execute_result"], out)
        self.assertIn(": 2 engines\n", texts(self.ok("%cluster status")))
        # the progress of a long %px is HTML only: jupyter console prints display_data's text/plain
        out = self.ok("%px Thread.sleep(1800)", timeout=60)
        progress = [m for m in out if m["msg_type"] in ("display_data", "update_display_data")
                    and m["content"].get("transient", {}).get("display_id", "").startswith("jparallel-progress")]
        self.assertTrue(progress, out)
        self.assertTrue(all("text/plain" not in m["content"]["data"] for m in progress), progress)

    def test_10_exit_asks_the_console_to_leave(self):
        for word in ("exit", "quit"):
            content, out = harness.execute(self.kc, word)
            self.assertEqual(content["status"], "ok", content)
            self.assertEqual(content["payload"], [{"source": "ask_exit", "keepkernel": False}])
            self.assertFalse([m for m in out if m["msg_type"] == "error"], out)

    def test_11_a_stopped_cluster_says_so(self):
        self.ok("%cluster stop", timeout=60)
        self.assertEqual(self.result("lv"),
                         "LoadBalancedView[the session's cluster is stopped: %cluster start starts a new one]")
        content, _ = self.fails("lv.apply(() -> 1)")
        self.assertIn("cluster is stopped", content["evalue"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
