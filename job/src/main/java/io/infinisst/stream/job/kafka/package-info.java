/** Kafka (de)serialization schemas: the job's sources ({@code sst.requests}, {@code sst.control}) and sink. */
package io.infinisst.stream.job.kafka;
