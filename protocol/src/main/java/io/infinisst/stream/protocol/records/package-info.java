/** Kafka records of the three topics (requests, translations, control) and their byte serdes. */
package io.infinisst.stream.protocol.records;
