package io.infinisst.stream.eval.score;

import io.infinisst.stream.eval.client.StreamClient;
import io.infinisst.stream.eval.data.EvalItem;
import io.infinisst.stream.eval.metrics.Bleu;
import io.infinisst.stream.eval.metrics.BleuTokenizer;
import io.infinisst.stream.eval.metrics.Latency;
import io.infinisst.stream.eval.metrics.LatencyUnit;
import io.infinisst.stream.eval.metrics.StreamLaal;
import io.infinisst.stream.eval.metrics.TimedUnits;
import io.infinisst.stream.eval.run.SessionRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The metrics of one session.
 *
 * @param run what happened
 * @param unit words, or characters for Chinese
 * @param units the received text as timed units: delay = source ms of the chunk that carried it (its
 *     {@code audio_end_ms}), elapsed = wall-clock ms from the first frame sent to its arrival
 * @param hypothesis the units joined as SimulEval's prediction
 * @param reference the reference for the session's target language, null when unknown
 * @param sourceLengthMs the streamed audio's length
 * @param clientLatenciesMs per chunk: the frame with its last sample sent → its translation received
 * @param serverLatenciesMs per chunk: the server's figure (ingress receipt → sent to the socket)
 * @param latency AL, LAAL and their {@code _CA} values of a single utterance (NaN for none or a stream)
 * @param stream StreamLAAL of a multi-sentence stream with references; null otherwise
 * @param bleu sentence BLEU (sacreBLEU {@code sentence_bleu}) against the reference, null without one; for a
 *     stream, over its resegmented sentences
 * @param rtf real-time factor: (last translation received − first frame sent) / audio length; ≥ 1 when
 *     streaming at real-time pace, 1 + the final delay over the length
 */
public record SessionScore(SessionRun run, LatencyUnit unit, TimedUnits units, String hypothesis, String reference,
        double sourceLengthMs, List<Long> clientLatenciesMs, List<Long> serverLatenciesMs, Latency.Scores latency,
        StreamLaal.Result stream, Double bleu, double rtf) {

    /** Scores one session. */
    public static SessionScore of(SessionRun run) {
        LatencyUnit unit = LatencyUnit.forTargetLanguage(run.languagePair());
        EvalItem item = run.item();
        StreamClient.Result r = run.result();
        List<StreamClient.Received> events = r == null ? List.of()
                : r.translations().stream().sorted(Comparator.comparingLong(StreamClient.Received::chunk)).toList();
        double sourceMs = r != null && r.audioSeconds() > 0 ? r.audioSeconds() * 1000
                : item != null ? item.durationSeconds() * 1000 : 0;
        TimedUnits.Accumulator acc = TimedUnits.accumulator(unit);
        List<Long> client = new ArrayList<>();
        List<Long> server = new ArrayList<>();
        for (StreamClient.Received e : events) {
            // The last chunk ends the source; its audio_end_ms is whole milliseconds, the length is not, and a
            // delay 0.6 ms short of |X| would make AL/LAAL average over every unit instead of stopping there.
            double delay = e.last() ? Math.max(e.audioEndMs(), sourceMs) : e.audioEndMs();
            acc.append(e.text(), delay, e.receivedAtMs() - run.sourceStartMs());
            if (e.clientLatencyMs() >= 0) {
                client.add(e.clientLatencyMs());
            }
            server.add(e.latencyMs());
        }
        TimedUnits units = acc.build();
        String reference = item == null ? null : item.reference(run.languagePair());
        List<StreamLaal.ReferenceSentence> sentences = item == null ? null
                : item.referenceSentences(run.languagePair());
        BleuTokenizer tokenizer = BleuTokenizer.forTargetLanguage(run.languagePair());

        Latency.Scores latency = new Latency.Scores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
        StreamLaal.Result stream = null;
        Double bleu = null;
        String hypothesis = unit.join(units.units());
        if (sentences != null && !sentences.isEmpty()) {
            stream = StreamLaal.score(units, sentences, unit);
            List<String> refs = sentences.stream().map(StreamLaal.ReferenceSentence::text).toList();
            bleu = Bleu.corpus(tokenizer).corpusScore(stream.hypotheses(), List.of(refs)).score();
        } else if (sourceMs > 0) {
            latency = Latency.score(List.of(new Latency.Instance(units, sourceMs, reference)), unit);
            if (reference != null) {
                bleu = Bleu.sentence(tokenizer).sentenceScore(hypothesis, List.of(reference)).score();
            }
        }
        double rtf = sourceMs > 0 && !events.isEmpty() ? (run.endMs() - run.sourceStartMs()) / sourceMs : Double.NaN;
        return new SessionScore(run, unit, units, hypothesis, reference, sourceMs, List.copyOf(client),
                List.copyOf(server), latency, stream, bleu, rtf);
    }

    /** Chunks translated. */
    public int chunks() {
        return run.result() == null ? 0 : run.result().translations().size();
    }

    /** The session's errors: the failure, the server's ERROR lines, a missing completion. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        if (run.failure() != null) {
            out.add(run.failure());
        }
        if (run.result() != null) {
            out.addAll(run.result().errors());
            if (!run.result().completed()) {
                out.add("no PROCESSING_COMPLETE");
            }
        }
        return out;
    }
}
