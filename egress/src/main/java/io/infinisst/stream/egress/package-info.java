/** Kafka translations out to WebSocket and Server-Sent Events clients, each chunk once and in order. */
package io.infinisst.stream.egress;
