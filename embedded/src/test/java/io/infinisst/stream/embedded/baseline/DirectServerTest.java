package io.infinisst.stream.embedded.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.model.ModelSpec;
import io.infinisst.stream.protocol.records.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The benchmark's direct baseline runs the model it is given, the bundled one here, and speaks the ingress's
 * protocol: the capacity comparison is only fair if it translates what the system translates.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DirectServerTest {
    private static final String PAIR = "English -> Chinese";
    private static DirectServer server;
    private static URI base;

    @BeforeAll
    static void start() throws URISyntaxException {
        server = new DirectServer(List.of(new ModelSpec("bundled", PAIR, "cpu", null, null, 0))).start("127.0.0.1", 0);
        base = new URI("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldTranslateAHeldOutUtteranceWithTheBundledModel() throws Exception {
        JsonNode item;
        try (InputStream in = DirectServerTest.class.getResourceAsStream("/held-out/test-000137.json")) {
            item = Json.MAPPER.readTree(in);
        }
        Wav wav;
        try (InputStream in = DirectServerTest.class.getResourceAsStream("/held-out/test-000137.wav")) {
            wav = Wav.parse(in.readAllBytes(), "test-000137.wav");
        }
        StreamClient.Result r = new StreamClient(StreamClient.Options.defaults(base, PAIR)
                .withLatencyMultiplier(1).withSpeed(4.0)).stream(wav, t -> {});

        assertThat(r.errors()).isEmpty();
        assertThat(r.completed()).isTrue();
        assertThat(r.translations().stream().map(StreamClient.Received::text).collect(Collectors.joining()))
                .isEqualTo(item.path("zh").asText());
    }

    @Test
    void shouldRejectAPairItDoesNotServe() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/init"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"language_pair\":\"English -> Klingon\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).path("error").asText()).contains("English -> Klingon");
    }
}
