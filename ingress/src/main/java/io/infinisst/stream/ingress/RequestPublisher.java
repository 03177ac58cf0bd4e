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

    @Override
    default void close() {}
}
