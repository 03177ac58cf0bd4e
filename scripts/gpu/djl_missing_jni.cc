// DJL 0.36.0 JNI functions for a libdjl_torch built from a DJL native source tree that lacks them (the tree the
// device check of 2026-11-26 had). Only what a DJL-block model's inference needs; TorchScript and FFT are left out.
// scripts/gpu/check.sh compiles this file only when the sources do not define torchDirectByteBuffer.
#include "ai_djl_pytorch_jni_PyTorchLibrary.h"
#include "djl_pytorch_jni_exception.h"
#include "djl_pytorch_utils.h"
#include <torch/nn/functional/normalization.h>

using IndexVec = std::vector<torch::indexing::TensorIndex>;

JNIEXPORT jobject JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDirectByteBuffer(
    JNIEnv* env, jobject jthis, jlong jhandle) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  return env->NewDirectByteBuffer(t->data_ptr(), static_cast<jlong>(t->nbytes()));
  API_END_RETURN()
}

JNIEXPORT jboolean JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIsContiguous(
    JNIEnv* env, jobject jthis, jlong jhandle) {
  API_BEGIN()
  return reinterpret_cast<torch::Tensor*>(jhandle)->is_contiguous();
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchToContiguous(
    JNIEnv* env, jobject jthis, jlong jhandle) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(t->contiguous()));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIndexAdvGet(
    JNIEnv* env, jobject jthis, jlong jhandle, jlong jindex) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  auto* index = reinterpret_cast<IndexVec*>(jindex);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(t->index(*index)));
  API_END_RETURN()
}

JNIEXPORT void JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchIndexAdvPut(
    JNIEnv* env, jobject jthis, jlong jhandle, jlong jindex, jlong jvalue) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  auto* index = reinterpret_cast<IndexVec*>(jindex);
  t->index_put_(*index, *reinterpret_cast<torch::Tensor*>(jvalue));
  API_END()
}

JNIEXPORT void JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDeleteIndex(
    JNIEnv* env, jobject jthis, jlong jindex) {
  API_BEGIN()
  delete reinterpret_cast<IndexVec*>(jindex);
  API_END()
}

JNIEXPORT jlongArray JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchTopK(
    JNIEnv* env, jobject jthis, jlong jhandle, jlong jk, jlong jaxis, jboolean jlargest, jboolean jsorted) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  auto r = t->topk(jk, jaxis, jlargest, jsorted);
  jlong handles[2] = {static_cast<jlong>(reinterpret_cast<uintptr_t>(new torch::Tensor(std::get<0>(r)))),
      static_cast<jlong>(reinterpret_cast<uintptr_t>(new torch::Tensor(std::get<1>(r))))};
  jlongArray out = env->NewLongArray(2);
  env->SetLongArrayRegion(out, 0, 2, handles);
  return out;
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchPut(
    JNIEnv* env, jobject jthis, jlong jhandle, jlong jindex, jlong jvalue) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(
      t->put(*reinterpret_cast<torch::Tensor*>(jindex), *reinterpret_cast<torch::Tensor*>(jvalue))));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchScatter(
    JNIEnv* env, jobject jthis, jlong jhandle, jlong jindex, jlong jvalue, jint jaxis) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(
      t->scatter(jaxis, *reinterpret_cast<torch::Tensor*>(jindex), *reinterpret_cast<torch::Tensor*>(jvalue))));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchDiagonal(
    JNIEnv* env, jobject jthis, jlong jhandle, jlong joffset, jlong jaxis1, jlong jaxis2) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(t->diagonal(joffset, jaxis1, jaxis2)));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchPad(
    JNIEnv* env, jobject jthis, jlong jhandle, jlongArray jpad, jdouble jvalue) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  auto pad = djl::utils::jni::GetVecFromJLongArray(env, jpad);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(torch::constant_pad_nd(*t, pad, jvalue)));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_torchNNNormalize(
    JNIEnv* env, jobject jthis, jlong jhandle, jdouble jp, jlong jdim, jdouble jeps) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  auto options = torch::nn::functional::NormalizeFuncOptions().p(jp).dim(jdim).eps(jeps);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(torch::nn::functional::normalize(*t, options)));
  API_END_RETURN()
}

JNIEXPORT jlong JNICALL Java_ai_djl_pytorch_jni_PyTorchLibrary_conj(JNIEnv* env, jobject jthis, jlong jhandle) {
  API_BEGIN()
  auto* t = reinterpret_cast<torch::Tensor*>(jhandle);
  return reinterpret_cast<uintptr_t>(new torch::Tensor(t->conj()));
  API_END_RETURN()
}
