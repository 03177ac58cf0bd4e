#!/usr/bin/env bash
# The DJL CUDA check, run on a GPU machine from the repository root after scripts/gpu/prepare.sh packed .gpu/ (and
# model/target/classes is there): builds DJL's JNI library against the machine's CUDA PyTorch (python3's torch),
# then times the bundled models on GPU 0 (SpeechModelBenchmark), checks that GPU and CPU translate alike, and gives a
# one-thread CPU baseline on the same machine. Everything printed also goes to $OUT/log.txt (default /tmp/gpu-check).
#   bash scripts/gpu/check.sh
set -u
LOGS=${OUT:-/tmp/gpu-check}; mkdir -p "$LOGS"
exec > >(tee "$LOGS/log.txt") 2>&1
T0=$(date +%s); el() { echo "[t+$(( $(date +%s) - T0 ))s] $*"; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; echo "cpus: $(nproc)"
TORCH=$(python3 -c "import torch,os;print(os.path.dirname(torch.__file__))")
python3 -c "import torch;print('torch',torch.__version__,'cuda',torch.version.cuda,'gpu',torch.cuda.is_available())"
ABI=$(python3 -c "import torch;print(int(torch._C._GLIBCXX_USE_CXX11_ABI))")
TV=$(python3 -c "import torch;print(torch.__version__.split('+')[0])")
CU=$(python3 -c "import torch;print('cu'+torch.version.cuda.replace('.',''))")
CUDART=$(dirname "$(find / -xdev -name 'libcudart.so*' 2>/dev/null | grep -v stubs | head -1)")
JAVA=$(command -v java || true)
if [ -f .gpu/jre.tar.xz ]; then mkdir -p /tmp/gpu-jre && tar xJf .gpu/jre.tar.xz -C /tmp/gpu-jre && JAVA=/tmp/gpu-jre/jre/bin/java; fi
el "torch $TORCH ($CU, C++11 ABI $ABI), cudart $CUDART, java $JAVA"

# DJL's native sources against this torch: one compiler per file, all cores.
B=/tmp/gpu-jni; rm -rf $B; mkdir -p $B; S=.gpu/djl-native
SOURCES=$(ls $S/*.cc)
grep -q torchDirectByteBuffer $S/*.cc || SOURCES="$SOURCES scripts/gpu/djl_missing_jni.cc"
F="-O2 -fPIC -std=c++17 -D_GLIBCXX_USE_CXX11_ABI=$ABI -I.gpu/hdr -I.gpu/jni -I$S -I$TORCH/include -I$TORCH/include/torch/csrc/api/include -w"
echo $SOURCES | tr ' ' '\n' | xargs -P "$(nproc)" -I{} sh -c "g++ $F -c {} -o $B/\$(basename {}).o 2> $B/\$(basename {}).err || { echo COMPILE FAILED: {}; head -20 $B/\$(basename {}).err; }"
g++ -shared -o $B/libdjl_torch.so $B/*.o -L$TORCH/lib -ltorch -ltorch_cpu -lc10 -ltorch_cuda -lc10_cuda \
    -Wl,-rpath,$TORCH/lib || exit 1
el "libdjl_torch.so linked from $(ls $B/*.o | wc -l) files"
# DJL looks for <cache>/pytorch/<version>-<flavor>-<classifier>/<djl version>-libdjl_torch.so before anything else.
DJLV=$(ls .gpu/lib/pytorch-engine-*.jar | sed 's/.*pytorch-engine-\(.*\)\.jar/\1/')
mkdir -p /tmp/gpu-djl/pytorch/$TV-$CU-linux-x86_64 && cp $B/libdjl_torch.so /tmp/gpu-djl/pytorch/$TV-$CU-linux-x86_64/$DJLV-libdjl_torch.so
export PYTORCH_LIBRARY_PATH=$TORCH/lib PYTORCH_VERSION=$TV PYTORCH_FLAVOR=$CU DJL_CACHE_DIR=/tmp/gpu-djl
export LD_LIBRARY_PATH=$CUDART:${LD_LIBRARY_PATH:-}
CP=model/target/classes:$(ls .gpu/lib/*.jar | tr '\n' ':')
# PyTorch warns on every cuDNN LSTM call that DJL's weights are not one flat buffer (docs/gpu.md); shown once.
run() { el "run ${*:2}"; timeout "$1" "$JAVA" -Dai.djl.offline=true -Djna.library.path=$CUDART -cp "$CP" "${@:2}" 2>&1 \
    | grep -v "^WARNING\|SLF4J" | awk '/RNN.cpp/ { if (seen++) next } { print }'; }
BM=io.infinisst.stream.model.streaming.SpeechModelBenchmark
run 170 $BM --model models/en-zh --device 0 --batches 1,16,64,128,256,512 --seconds 24 --compare cpu
# Features on the step's own thread, as on a machine of two cores: what the shared feature pool gains.
run 90 -Dsst.model.feature_threads=0 $BM --model models/en-zh --device 0 --batches 1,16,64,128,256,512 --seconds 24
run 80 -Dai.djl.pytorch.num_threads=1 -Dsst.model.feature_threads=0 $BM --model models/en-zh --device cpu --batches 1,16,64,128 --seconds 24
run 60 $BM --model models/en-zh --device 0 --batches 1,16,64,128,256 --seconds 24 --agreement true
run 50 $BM --model models/en-it --device 0 --batches 1,16,64,256 --seconds 24
el done
