#!/usr/bin/env bash
# Builds core and these benchmarks, then runs JMH with the arguments given, e.g.
#   microbench/run.sh -prof gc                 every benchmark, with bytes allocated per operation
#   microbench/run.sh 'WireBench.controller.*' -wi 2 -i 3
#   microbench/run.sh -rf json -rff /tmp/wire.json
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl microbench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
exec java -cp "microbench/target/classes:$(cat microbench/target/classpath.txt)" org.openjdk.jmh.Main "$@"
