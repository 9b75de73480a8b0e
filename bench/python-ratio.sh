#!/usr/bin/env bash
# Benchmark 3: FillWatch's frames per second divided by the reference Python pipeline's, on the
# same frames in the same run (docs/scaling.md, "FillWatch against the Python pipeline").
#
#   bench/python-ratio.sh                 # 300 frames, 20 s per pipeline, 1 and 2 cores
#   FRAMES=100 SECONDS_EACH=10 bench/python-ratio.sh
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/python-ratio.sh   # FillWatch on another JVM
#   (last, each side's default: FillWatch's auto, int8 here, against Python's float32)
#   DECODE=whole bench/python-ratio.sh    # both decode every JPEG whole (default: both as small as the
#                                         # service's rule allows, FrameAnalyzer.reduction)
#
# Needs Debian's python3-torch and python3-opencv (/usr/bin/python3) and the service jar
# (built here with `mvn -o -q -DskipTests package` when missing). Prints both rates and the ratio
# for one core and for two: FillWatch with 1 or 2 sampling workers, Python with 1 or 2 pipeline
# processes (one torch thread each in both: OpenMP threads on a loaded machine collapse), with the
# load average before and after: figures taken while other jobs load the machine are not final.
set -euo pipefail
# the C heap keeps libtorch's freed activations (docs/performance.md, "Native allocator"); same value as the pom's
export GLIBC_TUNABLES=${GLIBC_TUNABLES:-glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824:glibc.malloc.top_pad=67108864:glibc.malloc.arena_max=2}
cd "$(dirname "$0")/.."
FRAMES=${FRAMES:-300}
SECONDS_EACH=${SECONDS_EACH:-20}
DIR=${DIR:-target/bench3}
PYTHON=${PYTHON:-/usr/bin/python3}
JAVA=${JAVA:-java}
DECODE=${DECODE:-service}

if ! "$PYTHON" -c 'import torch, cv2' 2>/dev/null; then
    echo "python-ratio: $PYTHON cannot import torch and cv2; install Debian's python3-torch and python3-opencv" \
        "(apt-get install python3-torch python3-opencv; scripts/test.sh installs them too)" >&2
    exit 2
fi
jar=$(ls target/fillwatch-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
    mvn -o -q -DskipTests package
    jar=$(ls target/fillwatch-*.jar | grep -v original | head -1)
fi
java=(nice -n 10 "$JAVA" -Xmx1g -Dai.djl.offline=true -jar "$jar")

echo "load before: $(uptime)"
# the frame set and weights are made once; again when the count or the model changed
if [ -f "$DIR/frames.txt" ] && [ "$(wc -l < "$DIR/frames.txt")" -eq "$FRAMES" ] \
        && [ "$DIR/weights.npz" -nt models/fill-level/metadata.json ]; then
    echo "reusing the $FRAMES frames in $DIR"
else
    "${java[@]}" export-python-reference --out "$DIR" --frames "$FRAMES" 2>/dev/null
fi
# each precision on both sides (the same arithmetic), then FillWatch's default against Python's
# default (float32): bfloat16 only where the CPU computes it natively (fillwatch.vision.precision)
precisions="float32"
if grep -qwE 'avx512_bf16|amx_bf16' /proc/cpuinfo; then precisions="float32 bfloat16"; fi
declare -A rate
for precision in $precisions; do
    for cores in 1 2; do
        fw=$("${java[@]}" bench-pipeline --frames "$DIR" --seconds "$SECONDS_EACH" --workers "$cores" --precision "$precision" --decode "$DECODE" \
            2>/dev/null | grep '^fillwatch:')
        py=$(nice -n 10 "$PYTHON" bench/reference_pipeline.py --frames "$DIR" --seconds "$SECONDS_EACH" --workers "$cores" --decode "$DECODE" \
            $([ "$precision" = bfloat16 ] && echo --bfloat16) 2>/dev/null | grep -E '^(check|python):')
        echo "$fw"
        echo "$py"
        rate[fw-$precision-$cores]=$(echo "$fw" | awk '{print $2}')
        rate[py-$precision-$cores]=$(echo "$py" | grep '^python:' | awk '{print $2}')
        awk -v c="$cores" -v p="$precision" -v a="${rate[fw-$precision-$cores]}" -v b="${rate[py-$precision-$cores]}" \
            'BEGIN { printf "ratio (%d core%s, both %s): FillWatch / Python = %.2f (target >= 2)\n", c, (c > 1 ? "s" : ""), p, a / b }'
    done
done
# each side's default: FillWatch's auto (int8 where the model folder has its calibration and the CPU
# VNNI, else bfloat16 where native, else float32; session 19) against Python's float32, its fastest
# here (Debian's torch gains nothing from bfloat16; the Python side is not quantised)
for cores in 1 2; do
    fw=$("${java[@]}" bench-pipeline --frames "$DIR" --seconds "$SECONDS_EACH" --workers "$cores" --precision auto --decode "$DECODE" \
        2>/dev/null | grep '^fillwatch:')
    echo "$fw"
    awk -v c="$cores" -v a="$(echo "$fw" | awk '{print $2}')" -v b="${rate[py-float32-$cores]}" \
        -v e="$(echo "$fw" | grep -o 'fused [a-z0-9]* program' || echo '?')" \
        'BEGIN { printf "ratio (%d core%s, each default: FillWatch auto = %s, Python float32) = %.2f (target >= 2)\n", c, (c > 1 ? "s" : ""), e, a / b }'
done
echo "load after: $(uptime)"
