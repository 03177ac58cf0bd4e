package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.ControlRecord;

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

    @Override
    default void close() {}
}
