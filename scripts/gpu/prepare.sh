#!/usr/bin/env bash
# Packs what scripts/gpu/check.sh needs on a GPU machine that has CUDA PyTorch (python3 -c 'import torch') but no
# Java, no Maven and no network, into .gpu/ (ignored by git): a jlinked Java runtime, the model module's runtime jars
# without the CPU libtorch, the JNI header of DJL's PyTorchLibrary, and DJL's native sources.
#   scripts/gpu/prepare.sh --djl-src DIR
# DIR is a checkout of github.com/deepjavalibrary/djl at the DJL version in pom.xml (v0.36.0): the JNI library is
# built from its engines/pytorch/pytorch-native/src/main/native and api/src/main/native against the machine's torch.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ "${1:-}" = "--djl-src" ] && [ -d "${2:-}" ] || { echo "usage: scripts/gpu/prepare.sh --djl-src DJL_CHECKOUT" >&2; exit 2; }
DJL=$(cd "$2" && pwd)
NATIVE=$DJL/engines/pytorch/pytorch-native/src/main/native
[ -f "$NATIVE/djl_pytorch_utils.h" ] || { echo "prepare: $NATIVE has no djl_pytorch_utils.h" >&2; exit 2; }
OUT=$ROOT/.gpu
rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/jni" "$OUT/hdr" "$OUT/djl-native/djl"
cd "$ROOT"
mvn -q -B -o -pl model compile
mvn -q -B -o -pl model dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$OUT/cp.txt"
# The CPU libtorch stays behind: on the GPU machine DJL loads the machine's own (PYTORCH_LIBRARY_PATH).
tr ':' '\n' < "$OUT/cp.txt" | grep -v -e pytorch-native-cpu -e tokenizers | xargs -I{} cp {} "$OUT/lib/"
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
cp "$JAVA_HOME/include/jni.h" "$JAVA_HOME/include/linux/jni_md.h" "$OUT/jni/"
# The header javac -h would write from PyTorchLibrary.java, made from the class in the engine jar actually used.
ENGINE=$(ls "$OUT"/lib/pytorch-engine-*.jar)
mkdir -p "$OUT/hdr/src/ai/djl/pytorch/jni"
javap -p -cp "$ENGINE" ai.djl.pytorch.jni.PyTorchLibrary | grep ' native ' | python3 -c '
import re, sys
print("package ai.djl.pytorch.jni;\nfinal class PyTorchLibrary {")
for line in sys.stdin:
    head, params, tail = re.match(r"\s*(.*?)\((.*)\)(.*);", line).groups()
    ps = [p.strip() for p in params.split(",") if p.strip()]
    print("  " + head + "(" + ", ".join(f"{p} p{i}" for i, p in enumerate(ps)) + ")" + tail + ";")
print("}")' > "$OUT/hdr/src/ai/djl/pytorch/jni/PyTorchLibrary.java"
javac -h "$OUT/hdr" -d "$OUT/hdr/classes" "$OUT/hdr/src/ai/djl/pytorch/jni/PyTorchLibrary.java"
cp "$NATIVE"/*.cc "$NATIVE"/*.h "$OUT/djl-native/"
cp "$DJL/api/src/main/native/djl/utils.h" "$OUT/djl-native/djl/"
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.unsupported --strip-debug \
    --no-header-files --no-man-pages --compress=2 --output "$OUT/jre"
strip --strip-unneeded "$OUT/jre/lib/server/libjvm.so" 2>/dev/null || true
tar cJf "$OUT/jre.tar.xz" -C "$OUT" jre && rm -rf "$OUT/jre"
echo "prepare: $OUT ready ($(du -sh "$OUT" | cut -f1)); on the GPU machine, with model/target/classes and .gpu copied:"
echo "  bash scripts/gpu/check.sh"
