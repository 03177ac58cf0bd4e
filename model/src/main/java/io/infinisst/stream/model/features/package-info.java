/** Speech features: an 80-bin log-mel filterbank computed in pure Java, whole or incrementally on a stream. */
package io.infinisst.stream.model.features;
