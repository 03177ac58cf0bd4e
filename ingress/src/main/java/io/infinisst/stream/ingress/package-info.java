/** The seed-compatible session API and WebSocket audio ingress: clients' PCM into Kafka, translations back. */
package io.infinisst.stream.ingress;
