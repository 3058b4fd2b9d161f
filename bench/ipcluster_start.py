#!/usr/bin/python3
"""Seconds from `ipcluster start -n N` to N engines registered (IPython parallel 7.1, Debian), for
compare-ipyparallel.sh; a temporary IPYTHONDIR, everything stopped afterwards. Prints one number."""
import os, shutil, subprocess, sys, tempfile, time

import ipyparallel as ipp

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
home = tempfile.mkdtemp()
prof = os.path.join(home, "profile_start")
os.makedirs(prof)
with open(os.path.join(prof, "ipcontroller_config.py"), "w") as f:
    f.write("c.IPController.ip = '127.0.0.1'\n")
env = dict(os.environ, IPYTHONDIR=home)
t0 = time.perf_counter()
p = subprocess.Popen(["/usr/bin/ipcluster", "start", "-n", str(n), "--profile-dir=" + prof, "--daemonize=False"],
                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    cf = os.path.join(prof, "security", "ipcontroller-client.json")
    while not (os.path.exists(cf) and os.path.getsize(cf) > 0):
        time.sleep(0.02)
    rc = ipp.Client(profile_dir=prof)
    rc.wait_for_engines(n, timeout=120)
    print(f"{time.perf_counter() - t0:.2f}")
    rc.close()
finally:
    subprocess.run(["/usr/bin/ipcluster", "stop", "--profile-dir=" + prof], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
    shutil.rmtree(home, ignore_errors=True)
