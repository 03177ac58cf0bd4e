/** Speech features: an 80-bin log-mel filterbank computed in pure Java, whole or incrementally on a stream, and the frequency warp and random equalizer that reshape its frames. */
package io.infinisst.stream.model.features;
