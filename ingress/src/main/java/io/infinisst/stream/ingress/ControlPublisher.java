package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.ControlRecord;
import java.util.List;

/**
 * Where {@code POST /configure} puts accepted changes for the running job: the control topic in production
 * ({@link KafkaControlPublisher}), a list in tests.
 */
public interface ControlPublisher extends AutoCloseable {

    /**
     * Publishes one change and returns once the transport holds it, so an answered {@code /configure} is one
     * the job will see.
     *
     * @throws PublishException when it cannot be published
     */
    void publish(ControlRecord record);

    /**
     * Every record published so far, oldest first — what the job, which reads the control topic from its
     * beginning, has applied — so an ingress that restarts reports the settings in force, not the file's.
     *
     * @throws PublishException when the history cannot be read
     */
    default List<ControlRecord> history() {
        return List.of();
    }

    @Override
    default void close() {}
}
