package io.infinisst.stream.eval.score;

import io.infinisst.stream.eval.bench.Percentiles;
import io.infinisst.stream.eval.metrics.Bleu;
import io.infinisst.stream.eval.metrics.BleuScore;
import io.infinisst.stream.eval.metrics.BleuTokenizer;
import io.infinisst.stream.eval.metrics.Latency;
import io.infinisst.stream.eval.metrics.StreamLaal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Aggregated figures of a set of sessions (a run, one language pair, one point of the batching grid).
 * Latencies in ms; NaN (null in JSON) where nothing could be measured.
 *
 * @param sessions sessions started
 * @param succeeded completed without any error
 * @param successRate succeeded / sessions
 * @param errorRate sessions with an error / sessions
 * @param chunks translations received
 * @param windowSeconds from the first session's first frame to the last translation
 * @param chunksPerSecond chunks / window
 * @param audioSeconds audio streamed
 * @param p50 client chunk latency percentiles (nearest rank) over every chunk
 * @param serverP50 the server's own chunk latency figure
 * @param al AL over single utterances: the mean over sentences, SimulEval's corpus value (ideal delays)
 * @param alCa AL with wall-clock delays
 * @param utterances single utterances with units scored
 * @param streamLaal corpus StreamLAAL over every sentence of every multi-sentence stream
 * @param streamSentences stream sentences scored
 * @param bleu corpus BLEU (sacreBLEU {@code corpus_bleu}) of one pair; NaN across pairs or without references
 * @param bleuSignature sacreBLEU's signature of {@code bleu}, null when not computed
 * @param rtfMean mean real-time factor
 */
public record Figures(int sessions, int succeeded, double successRate, double errorRate, int chunks,
        double windowSeconds, double chunksPerSecond, double audioSeconds, long p50, long p90, long p99, double mean,
        long max, long serverP50, long serverP99, double al, double laal, double alCa, double laalCa, int utterances,
        double streamLaal, double streamLaalCa, int streamSentences, double bleu, String bleuSignature,
        double rtfMean, double rtfMax) {

    /** Figures of sessions; BLEU only when they share one pair (tokenizers and references differ across pairs). */
    public static Figures of(List<SessionScore> scores) {
        int n = scores.size();
        int ok = (int) scores.stream().filter(s -> s.run().succeeded()).count();
        int withErrors = (int) scores.stream().filter(s -> !s.errors().isEmpty()).count();
        List<Long> client = new ArrayList<>();
        List<Long> server = new ArrayList<>();
        scores.forEach(s -> {
            client.addAll(s.clientLatenciesMs());
            server.addAll(s.serverLatenciesMs());
        });
        Percentiles c = new Percentiles(client);
        Percentiles sv = new Percentiles(server);
        long first = scores.stream().mapToLong(s -> s.run().sourceStartMs()).min().orElse(0);
        long last = scores.stream().mapToLong(s -> s.run().endMs()).max().orElse(0);
        double window = Math.max(0, last - first) / 1000.0;
        int chunks = scores.stream().mapToInt(SessionScore::chunks).sum();

        // Means over sentences, as SimulEval and stream_laal.py average them (not means of per-pair means).
        double[] lat = new double[4];
        int utterances = 0;
        for (SessionScore s : scores) {
            Latency.Scores l = s.latency();
            if (l.scored() > 0) {
                lat[0] += l.al();
                lat[1] += l.laal();
                lat[2] += l.alCa();
                lat[3] += l.laalCa();
                utterances++;
            }
        }
        List<StreamLaal.Result> streams = scores.stream().map(SessionScore::stream).filter(s -> s != null).toList();
        StreamLaal.Result corpus = streams.isEmpty() ? null : StreamLaal.corpus(streams);

        double bleu = Double.NaN;
        String signature = null;
        String pair = scores.isEmpty() ? null : scores.get(0).run().languagePair();
        boolean onePair = pair != null && scores.stream().allMatch(s -> s.run().languagePair().equals(pair));
        if (onePair) {
            List<String> hyps = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (SessionScore s : scores) {
                if (s.stream() != null) {
                    hyps.addAll(s.stream().hypotheses());
                    s.run().item().referenceSentences(pair).forEach(r -> refs.add(r.text()));
                } else if (s.reference() != null) {
                    hyps.add(s.hypothesis());
                    refs.add(s.reference());
                }
            }
            if (!hyps.isEmpty()) {
                BleuScore b = Bleu.corpus(BleuTokenizer.forTargetLanguage(pair)).corpusScore(hyps, List.of(refs));
                bleu = b.score();
                signature = b.signature();
            }
        }
        double rtfMean = scores.stream().mapToDouble(SessionScore::rtf).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
        double rtfMax = scores.stream().mapToDouble(SessionScore::rtf).filter(v -> !Double.isNaN(v)).max()
                .orElse(Double.NaN);
        double audio = scores.stream().mapToDouble(SessionScore::sourceLengthMs).sum() / 1000.0;
        return new Figures(n, ok, n == 0 ? Double.NaN : ok / (double) n, n == 0 ? Double.NaN : withErrors / (double) n,
                chunks, window, window > 0 ? chunks / window : Double.NaN, audio, c.at(50), c.at(90), c.at(99),
                c.count() == 0 ? Double.NaN : c.mean(), c.at(100), sv.at(50), sv.at(99),
                mean(lat[0], utterances), mean(lat[1], utterances), nanMean(scores, 2), nanMean(scores, 3),
                utterances, corpus == null ? Double.NaN : corpus.streamLaal(),
                corpus == null ? Double.NaN : corpus.streamLaalCa(), corpus == null ? 0 : corpus.scored(), bleu,
                signature, rtfMean, rtfMax);
    }

    /** The _CA means skip utterances whose elapsed times were not measured (NaN). */
    private static double nanMean(List<SessionScore> scores, int which) {
        return scores.stream().map(SessionScore::latency).filter(l -> l.scored() > 0)
                .mapToDouble(l -> which == 2 ? l.alCa() : l.laalCa()).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    private static double mean(double sum, int n) {
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Figures per language pair, pairs sorted by name; each with its corpus BLEU. */
    public static Map<String, Figures> perPair(List<SessionScore> scores) {
        Map<String, List<SessionScore>> byPair = scores.stream().collect(Collectors.groupingBy(
                s -> s.run().languagePair(), TreeMap::new, Collectors.toList()));
        Map<String, Figures> out = new TreeMap<>();
        byPair.forEach((pair, list) -> out.put(pair, of(list)));
        return out;
    }
}
