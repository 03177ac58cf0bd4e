/** Records that cross a process boundary (Kafka values, JSON API bodies), their serdes, and the configuration schema. */
package io.infinisst.stream.protocol;
