/** Model type {@code torchscript}: a user's own TorchScript speech-translation model with a HuggingFace tokenizer. */
package io.infinisst.stream.model.torchscript;
