#!/usr/bin/env bash
# The DJL CUDA check, run on a GPU machine from the repository root after scripts/gpu/prepare.sh packed .gpu/:
#   bash scripts/gpu/check.sh [jni] [model] [system]      (no argument: all three)
#   jni     builds DJL's JNI library against the machine's CUDA PyTorch (python3's torch), once per machine;
#   model   times the bundled models on GPU 0 (SpeechModelBenchmark, the manifests' policy), checks that GPU and CPU
#           translate alike, and gives a one-thread CPU baseline on the same machine;
#   system  the whole system on the GPU: `sst bench --mode capacity` with the English->Chinese slot on GPU 0
#           (scripts/gpu/gpu.json, or $SYSTEM_CONFIG) — dynamic batching against batches of one and a direct server,
#           same run, within $SYSTEM_TIMEOUT_S seconds (420).
# model and system need the runtime (.gpu/runtime.tar.xz.part-*, unpacked once to /tmp/gpu-rt); the parts may arrive
# in separate transfers, as long as all are there by the first step that needs them. Everything printed also goes to
# $OUT/log-<steps>.txt (default folder /tmp/gpu-check).
set -u
STEPS=${*:-jni model system}
LOGS=${OUT:-/tmp/gpu-check}; mkdir -p "$LOGS"
exec > >(tee "$LOGS/log-${STEPS// /-}.txt") 2>&1
T0=$(date +%s); el() { echo "[t+$(( $(date +%s) - T0 ))s] $*"; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; echo "cpus: $(nproc)"
TORCH=$(python3 -c "import torch,os;print(os.path.dirname(torch.__file__))")
python3 -c "import torch;print('torch',torch.__version__,'cuda',torch.version.cuda,'gpu',torch.cuda.is_available())"
ABI=$(python3 -c "import torch;print(int(torch._C._GLIBCXX_USE_CXX11_ABI))")
TV=$(python3 -c "import torch;print(torch.__version__.split('+')[0])")
CU=$(python3 -c "import torch;print('cu'+torch.version.cuda.replace('.',''))")
CUDART=$(dirname "$(find / -xdev -name 'libcudart.so*' 2>/dev/null | grep -v stubs | head -1)")
DJLV=$(sed -n 's/.*pytorch-engine-\([0-9.]*\)\.jar.*/\1/p' <(tr ':' '\n' < .gpu/cp.txt))
LIB=/tmp/gpu-djl/pytorch/$TV-$CU-linux-x86_64/$DJLV-libdjl_torch.so
el "torch $TORCH ($CU, C++11 ABI $ABI), cudart $CUDART, DJL $DJLV, steps: $STEPS"

if [[ " $STEPS " == *" jni "* && ! -f $LIB ]]; then
  # DJL's native sources against this torch: one compiler per file, all cores.
  B=/tmp/gpu-jni; rm -rf $B; mkdir -p $B; S=.gpu/djl-native
  SOURCES=$(ls $S/*.cc)
  grep -q torchDirectByteBuffer $S/*.cc || SOURCES="$SOURCES scripts/gpu/djl_missing_jni.cc"
  F="-O2 -fPIC -std=c++17 -D_GLIBCXX_USE_CXX11_ABI=$ABI -I.gpu/hdr -I.gpu/jni -I$S -I$TORCH/include -I$TORCH/include/torch/csrc/api/include -w"
  echo $SOURCES | tr ' ' '\n' | xargs -P "$(nproc)" -I{} sh -c "g++ $F -c {} -o $B/\$(basename {}).o 2> $B/\$(basename {}).err || { echo COMPILE FAILED: {}; head -20 $B/\$(basename {}).err; }"
  g++ -shared -o $B/libdjl_torch.so $B/*.o -L$TORCH/lib -ltorch -ltorch_cpu -lc10 -ltorch_cuda -lc10_cuda \
      -Wl,-rpath,$TORCH/lib || exit 1
  # DJL looks for <cache>/pytorch/<version>-<flavor>-<classifier>/<djl version>-libdjl_torch.so before anything else.
  mkdir -p "$(dirname $LIB)" && cp $B/libdjl_torch.so $LIB
  el "libdjl_torch.so linked from $(ls $B/*.o | wc -l) files"
fi
[[ " $STEPS " == *" model "* || " $STEPS " == *" system "* ]] || { el done; exit 0; }
[ -f $LIB ] || { echo "no $LIB: run the jni step first"; exit 1; }
if [ ! -x /tmp/gpu-rt/rt/jre/bin/java ]; then
  (cd .gpu && sha256sum -c runtime.sha256) || { echo "runtime parts missing or damaged (above)"; exit 1; }
  mkdir -p /tmp/gpu-rt && cat .gpu/runtime.tar.xz.part-* | xz -d -T0 | tar x -C /tmp/gpu-rt || exit 1
  el "runtime unpacked: $(du -sh /tmp/gpu-rt | cut -f1)"
fi
export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=$TV PYTORCH_FLAVOR=$CU DJL_CACHE_DIR=/tmp/gpu-djl
export LD_LIBRARY_PATH=$CUDART:${LD_LIBRARY_PATH:-}
RT=/tmp/gpu-rt/rt; JAVA=$RT/jre/bin/java
CP=$RT/classes:$(ls $RT/lib/*.jar | tr '\n' ':')
# JVM and logging noise left out; PyTorch warns on every cuDNN LSTM call that DJL's weights are not one flat buffer
# (docs/gpu.md): shown once.
quiet() { grep -v "^WARNING\|SLF4J" | awk '/RNN.cpp/ { if (seen++) next } { print }'; }
run() { el "run ${*:2}"; timeout "$1" "$JAVA" -Dai.djl.offline=true -Djna.library.path=$CUDART -cp "$CP" "${@:2}" 2>&1 | quiet; }

if [[ " $STEPS " == *" model "* ]]; then
  BM=io.infinisst.stream.model.streaming.SpeechModelBenchmark
  run 120 $BM --model models/en-zh --device 0 --batches 1,16,64,256,512 --seconds 24 --compare cpu
  run 60 -Dai.djl.pytorch.num_threads=1 -Dsst.model.feature_threads=0 $BM --model models/en-zh --device cpu --batches 1,16,64 --seconds 24
fi
if [[ " $STEPS " == *" system "* ]]; then
  # scripts/sst from the unpacked runtime; the bench's own lines (levels, ratios) kept, the stack's log lines not.
  el "run scripts/sst bench --mode capacity (English -> Chinese on GPU 0)"
  SST_RUNTIME=$RT SST_JAVA_OPTS="-Djna.library.path=$CUDART" timeout "${SYSTEM_TIMEOUT_S:-420}" scripts/sst bench \
      --mode capacity --model configured --config "${SYSTEM_CONFIG:-scripts/gpu/gpu.json}" --seconds 12 --start 128 \
      --max 1024 2>&1 | tee >(gzip > "$LOGS/system-full.log.gz") | grep -v " INFO \| WARN \|^\s*at " | quiet
fi
el done
