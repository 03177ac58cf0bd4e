/** Kafka (de)serialization schemas for the job's source ({@code sst.requests}) and sink ({@code sst.translations}). */
package io.infinisst.stream.job.kafka;
