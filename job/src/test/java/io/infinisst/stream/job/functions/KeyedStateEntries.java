package io.infinisst.stream.job.functions;

import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Counts an operator's keyed state entries, as {@code KeyedOneInputStreamOperatorTestHarness.numKeyedStateEntries}
 * does; the broadcast harness lacks that method.
 */
final class KeyedStateEntries {
    private KeyedStateEntries() {}

    static int of(AbstractStreamOperatorTestHarness<?> harness) {
        KeyedStateBackend<?> backend = harness.getOperator().getKeyedStateBackend();
        if (!(backend instanceof HeapKeyedStateBackend<?> heap)) {
            throw new UnsupportedOperationException("counts heap keyed state only, not " + backend);
        }
        return heap.numKeyValueStateEntries();
    }
}
