#!/usr/bin/env bash
# FillWatch benchmarks, one command each (docs/performance.md, bench/README.md):
#   scripts/bench.sh inference      # 1: JMH, ms per container crop, batch 1 and batched
#   scripts/bench.sh capacity       # 2: largest N of snapshot cameras at 1 sample/min with p99 lag < 5 s
#   scripts/bench.sh stages         # 2b: CPU per frame of each step of the snapshot path (where capacity goes)
#   scripts/bench.sh decode         # 4: JavaCV decode-and-convert fps vs ffmpeg -f null on the same H.264 file
#   scripts/bench.sh alert-latency  # 5: rule firing -> MQTT message at a Mosquitto subscriber, median and p99
#   scripts/bench.sh rules          # 2c: CPU per reading of the incident rules once forecast windows are full
# Extra arguments go to the benchmark (see bench/README.md). Runs niced; prints `uptime` first and last.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-}"; shift || true
# the C heap keeps libtorch's freed activations (docs/performance.md, "Native allocator"); same value as the pom's
export GLIBC_TUNABLES=${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864:glibc.malloc.arena_max=2}
MVN="mvn -q ${MVN_OFFLINE:--o}"
uptime
if [ ! -f target/fillwatch-0.1.0-SNAPSHOT.jar ] || [ -n "$(find src/main pom.xml -newer target/fillwatch-0.1.0-SNAPSHOT.jar -print -quit)" ]; then
  $MVN -DskipTests package
fi
$MVN test-compile
# offline first; on a fresh machine the dependency plugin itself may not be downloaded yet
$MVN dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null \
  || mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
JAVA=(nice -n 10 java -Xmx1g -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -Dai.djl.offline=true -cp "$CP")
case "$what" in
  inference)     "${JAVA[@]}" org.fillwatch.vision.InferenceBenchmark "$@" ;;
  capacity)      "${JAVA[@]}" org.fillwatch.bench.CapacityBench "$@" ;;
  stages)        "${JAVA[@]}" org.fillwatch.vision.StageCosts "$@" ;;
  decode)        "${JAVA[@]}" org.fillwatch.camera.DecodeBench "$@" ;;
  alert-latency) "${JAVA[@]}" org.fillwatch.bench.AlertLatencyBench "$@" ;;
  rules)         "${JAVA[@]}" org.fillwatch.incident.RulesBench "$@" ;;
  *) echo "usage: scripts/bench.sh inference|capacity|stages|decode|alert-latency|rules [options]" >&2; exit 2 ;;
esac
uptime
