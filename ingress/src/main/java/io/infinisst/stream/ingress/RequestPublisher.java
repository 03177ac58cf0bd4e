package io.infinisst.stream.ingress;

import io.infinisst.stream.protocol.records.SessionRequest;

/**
 * Where the ingress puts session records. Kafka in production ({@link KafkaRequestPublisher}); tests use
 * an in-memory list. Implementations keep one session's records in the order they were sent.
 */
public interface RequestPublisher extends AutoCloseable {

    /**
     * Publishes one record, asynchronously where the transport allows.
     *
     * @throws PublishException when the record cannot even be handed to the transport (broker unreachable)
     */
    void send(SessionRequest request);

    /** Records the transport confirmed (for the metrics); 0 where it does not count them. */
    default long sent() {
        return 0;
    }

    /** Records that could not be published, refused at once or lost later; 0 where not counted. */
    default long failed() {
        return 0;
    }

    @Override
    default void close() {}
}
