package io.infinisst.stream.embedded;

import io.infinisst.stream.protocol.config.ConfigLoader;
import io.infinisst.stream.protocol.config.SstConfig;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded stack for one test class ({@code @RegisterExtension static final RunningStack STACK = ...}): the
 * default configuration on free ports, adjusted by the class, started before its first test and closed after its
 * last.
 */
final class RunningStack implements BeforeAllCallback, AfterAllCallback {
    private final Consumer<SstConfig> adjust;
    private LocalStack stack;

    /** @param adjust changes the default configuration (already on free ports) before the stack starts */
    RunningStack(Consumer<SstConfig> adjust) {
        this.adjust = adjust;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SstConfig cfg = LocalStack.onFreePorts(ConfigLoader.defaults());
        adjust.accept(cfg);
        stack = LocalStack.start(cfg);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    LocalStack stack() {
        return stack;
    }

    /** The ingress/egress base URL, {@code http://127.0.0.1:<port>}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + stack.httpPort());
    }
}
