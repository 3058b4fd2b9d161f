"""%cluster start --engines slurm in the kernel, driven by a real jupyter_client: a Slurm job
(the JUnit side's namespaces, SLURM_CONF in the environment) starts the engines on two hosts,
%px runs there, %cluster status names the job, %cluster stop cancels it.
Environment: JPARALLEL_TEST_IP (the controller's address), JPARALLEL_TEST_HOSTS (a,b)."""
import os
import subprocess
import unittest

import harness

IP = os.environ["JPARALLEL_TEST_IP"]
HOSTS = os.environ["JPARALLEL_TEST_HOSTS"].split(",")


def text_of(out):
    return "".join(str(m["content"].get("data", {}).get("text/plain", "")) + m["content"].get("text", "")
                   for m in out if m["msg_type"] in ("stream", "execute_result", "display_data"))


def squeue():
    return subprocess.run(["squeue", "-h", "-o", "%i %T %j"], capture_output=True, text=True, timeout=20).stdout


class SlurmClusterTests(harness.KernelTestCase):
    def test_slurm_cluster_from_a_cell(self):
        harness.drain(self.kc)
        content, out = harness.execute(
            self.kc, f"%cluster start --engines slurm -n 2 --ip {IP} --slurm-opt=--nodes=2 "
                     "--slurm-opt=--ntasks-per-node=1", timeout=180)
        print("start:", content, [m["content"] for m in out])
        self.assertEqual(content["status"], "ok", out)
        self.assertIn("started a cluster (slurm): 2 engines", text_of(out))
        self.assertIn("RUNNING", squeue())

        content, out = harness.execute(self.kc, "%cluster status")
        status = text_of(out)
        print("status:", status)
        self.assertEqual(status.count("slurm job"), 2, status)

        code = ("%px System.out.println(java.net.NetworkInterface.networkInterfaces()"
                ".flatMap(java.net.NetworkInterface::inetAddresses)"
                ".filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())"
                ".map(java.net.InetAddress::getHostAddress).findFirst().orElse(\"none\"))")
        content, out = harness.execute(self.kc, code, timeout=60)
        self.assertEqual(content["status"], "ok", out)
        print("px messages:", [m["content"] for m in out])
        printed = text_of(out)
        print("engines at:", printed)
        for host in HOSTS:
            self.assertIn(host, printed)

        content, out = harness.execute(self.kc, "%cluster stop", timeout=60)
        self.assertEqual(content["status"], "ok", out)
        self.assertEqual(squeue().strip(), "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
