#!/usr/bin/env bash
# Packs what scripts/gpu/check.sh needs on a GPU machine that has CUDA PyTorch (python3 -c 'import torch') but no
# Java, no Maven and no network, into .gpu/ (ignored by git): the JNI header of DJL's PyTorchLibrary and DJL's native
# sources (to build libdjl_torch.so there), and the whole system's runtime — a jlinked Java runtime, the embedded
# stack's jars without the CPU libtorch — as one xz archive cut into parts of at most 34 MiB, so that each part fits a
# transfer beside the repository (64 MiB in all; the repository is 28 MB).
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
rm -rf "$OUT" && mkdir -p "$OUT/jni" "$OUT/hdr" "$OUT/djl-native/djl"
cd "$ROOT"
mvn -q -B -o -DskipTests package   # writes embedded/target/runtime-classpath.txt, the stack's classpath
cp embedded/target/runtime-classpath.txt "$OUT/cp.txt"
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
cp "$JAVA_HOME/include/jni.h" "$JAVA_HOME/include/linux/jni_md.h" "$OUT/jni/"
# The header javac -h would write from PyTorchLibrary.java, made from the class in the engine jar actually used.
ENGINE=$(tr ':' '\n' < "$OUT/cp.txt" | grep pytorch-engine-)
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

# The runtime: rt/jre, rt/lib/*.jar (the embedded stack's classpath; the CPU libtorch and its JNI stay behind, as
# DJL loads the machine's own torch through PYTORCH_LIBRARY_PATH), rt/classes (embedded/target/classes).
RT=$(mktemp -d)/rt; mkdir -p "$RT/lib"
"$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.zipfs,jdk.jfr,jdk.naming.dns \
    --strip-debug --no-header-files --no-man-pages --output "$RT/jre"
strip --strip-unneeded "$RT/jre/lib/server/libjvm.so" 2>/dev/null || true
cp -r embedded/target/classes "$RT/classes"
# Each jar stored rather than deflated (xz over all of them then finds what the classes share: 49 MB instead of 68),
# nested jars likewise, and native libraries for platforms other than linux x86-64 left out.
repack() {
  local jar=$1 t; t=$(mktemp -d)
  (cd "$t" && unzip -q -o "$jar")
  find "$t" \( -ipath '*darwin*' -o -ipath '*/win*' -o -ipath '*/mac*' -o -ipath '*freebsd*' -o -ipath '*/aix*' \
      -o -ipath '*sunos*' -o -ipath '*arm*' -o -ipath '*aarch64*' -o -ipath '*ppc*' -o -ipath '*s390*' \
      -o -ipath '*riscv*' -o -ipath '*loongarch*' -o -ipath '*mips*' -o -ipath '*linux-x86/*' \
      -o -ipath '*openbsd*' -o -ipath '*dragonfly*' -o -ipath '*/i386/*' \) -type f \
      \( -name '*.so' -o -name '*.dll' -o -name '*.dylib' -o -name '*.jnilib' -o -name '*.a' \) -delete
  find "$t" -name '*.jar' | while read -r inner; do
    local i; i=$(mktemp -d); (cd "$i" && unzip -q -o "$inner") && rm "$inner" && (cd "$i" && zip -q -0 -X -r "$inner" .)
    rm -rf "$i"
  done
  (cd "$t" && zip -q -0 -X -r "$RT/lib/$(basename "$jar")" .); rm -rf "$t"
}
# Left out besides: what neither the stack nor the benchmarks load — eval's charts (xchart, its PDF and GIF writers),
# the HuggingFace tokenizers (TorchScript models only), async-profiler — so that the runtime fits two transfers.
tr ':' '\n' < "$OUT/cp.txt" | grep -v -e pytorch-native-cpu -e pytorch-jni -e /tokenizers- -e /xchart- -e /pdfbox \
    -e /fontbox- -e /graphics2d- -e /VectorGraphics2D- -e /animated-gif-lib- -e /async-profiler- \
    | while read -r jar; do repack "$jar"; done
tar cf - -C "$(dirname "$RT")" rt | xz -9 -T"$(nproc)" | split -b 34M - "$OUT/runtime.tar.xz.part-"
rm -rf "$(dirname "$RT")"
(cd "$OUT" && sha256sum runtime.tar.xz.part-* > runtime.sha256)   # check.sh checks that every part arrived whole
echo "prepare: $OUT ready ($(du -sh "$OUT" | cut -f1)):"; ls -la "$OUT"/runtime.tar.xz.part-*
echo "on the GPU machine, with .gpu copied (docs/gpu.md, Reproduce): bash scripts/gpu/check.sh [model] [system]"
