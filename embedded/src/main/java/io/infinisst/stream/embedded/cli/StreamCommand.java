package io.infinisst.stream.embedded.cli;

import io.infinisst.stream.eval.audio.Wav;
import io.infinisst.stream.eval.client.StreamClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sst stream}: streams a WAV at real-time pace and prints each translation as it arrives. */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Stream a WAV file (any sample rate; resampled to 16 kHz) to a running system and print "
                + "translations as they arrive.")
final class StreamCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, description = "WAV file to stream")
    Path file;

    @Option(names = "--language-pair", defaultValue = "English -> Chinese",
            description = "e.g. \"English -> Chinese\" (default: ${DEFAULT-VALUE})")
    String languagePair;

    @Option(names = "--speed", defaultValue = "1.0",
            description = "1.0 = real time, 2.0 = twice as fast, 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--latency-multiplier", defaultValue = "2",
            description = "chunk = 0.96 s x this, 1-4 (default: ${DEFAULT-VALUE})")
    int latencyMultiplier;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8000", description = "ingress base URL (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--frame-seconds", defaultValue = "0.1", description = "audio per WebSocket frame (default: ${DEFAULT-VALUE})")
    double frameSeconds;

    @Override
    public Integer call() throws Exception {
        Wav wav = Wav.read(file);
        StreamClient client = new StreamClient(new StreamClient.Options(url, languagePair, latencyMultiplier, speed,
                frameSeconds, Duration.ofSeconds(120)));
        System.out.printf(Locale.ROOT, "streaming %s (%.2f s, %d Hz) as \"%s\" to %s%n", file, wav.seconds(),
                wav.sampleRate(), languagePair, url);
        StreamClient.Result r = client.stream(wav, t -> System.out.printf(Locale.ROOT,
                "[chunk %3d | audio to %6.2f s | latency %5d ms]%s %s%n", t.chunk(), t.audioEndMs() / 1000.0,
                t.latencyMs(), t.last() ? " (final)" : "", t.text()));
        r.errors().forEach(e -> System.out.println(e));
        System.out.printf(Locale.ROOT, "session %s: %d chunks, %s, %.2f s of audio in %.2f s%n", r.sessionId(),
                r.translations().size(), r.completed() ? r.completion() : "NOT COMPLETED", r.audioSeconds(),
                r.wallMs() / 1000.0);
        return r.completed() && r.errors().isEmpty() ? 0 : 1;
    }
}
