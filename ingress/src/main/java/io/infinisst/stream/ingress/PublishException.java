package io.infinisst.stream.ingress;

/** A session record could not be handed to Kafka; the session cannot go on. */
public final class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
