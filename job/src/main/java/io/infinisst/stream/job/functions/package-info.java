/** The job's operators, one per class, plus the small plugs they take (placement strategy, model factory). */
package io.infinisst.stream.job.functions;
