/** The whole system in one JVM (Kafka broker, Flink MiniCluster with Web UI, ingress, egress) and the sst command line. */
package io.infinisst.stream.embedded;
