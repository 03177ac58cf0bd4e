/** The InfiniSST Flink job: wires Kafka requests through session assembly, placement, batching and inference. */
package io.infinisst.stream.job;
