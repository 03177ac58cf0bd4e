/** PCM sample encodings and sample-rate conversion shared by ingress, job and clients. */
package io.infinisst.stream.protocol.audio;
