/** Baselines the benchmarks compare the system against: the same model served the way common streaming servers serve it. */
package io.infinisst.stream.embedded.baseline;
