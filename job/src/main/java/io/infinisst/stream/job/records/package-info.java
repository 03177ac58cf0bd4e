/** Records that flow between the job's operators and never leave Flink (chunks, batches, results, state). */
package io.infinisst.stream.job.records;
