package io.infinisst.stream.eval.report;

import io.infinisst.stream.eval.bench.Percentiles;
import io.infinisst.stream.eval.run.BasicTest;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.run.StatsSampler;
import io.infinisst.stream.eval.score.Concurrency;
import io.infinisst.stream.eval.score.Figures;
import io.infinisst.stream.eval.score.SessionScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code summary.json}: the run's settings, the aggregated figures overall and per language pair, each session's
 * figures, and the mode's own results (basic checks, batching grid). Latencies are in ms; a figure that could
 * not be measured is {@code null}, never NaN (which JSON lacks).
 */
public final class SummaryJson {
    private SummaryJson() {}

    public static Map<String, Object> of(RunReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("mode", r.mode());
        m.put("passed", r.passed());
        m.put("url", r.url());
        m.put("seed", r.seed());
        m.put("started_at", Instant.ofEpochMilli(r.startedMs()).toString());
        m.put("finished_at", Instant.ofEpochMilli(r.finishedMs()).toString());
        m.put("wall_s", round((r.finishedMs() - r.startedMs()) / 1000.0));
        m.put("model", r.model());
        m.put("eval_set", r.evalSet());
        m.put("options", r.options());
        Map<String, Object> overall = figures(r.overall());
        Concurrency c = r.concurrency();
        overall.put("peak_concurrent_sessions", c.peak());
        overall.put("sessions_sustained", c.sustained());
        m.put("overall", overall);
        Map<String, Object> pairs = new LinkedHashMap<>();
        r.perPair().forEach((k, v) -> pairs.put(k, figures(v)));
        m.put("per_pair", pairs);
        m.put("kafka_lag", lag(r.stats()));
        if (!r.checks().isEmpty()) {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (BasicTest.Check ch : r.checks()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("language_pair", ch.languagePair());
                x.put("passed", ch.passed());
                x.put("session_id", ch.score().run().sessionId());
                x.put("item", ch.score().run().item() == null ? null : ch.score().run().item().id());
                x.put("chunks", ch.score().chunks());
                x.put("completed", ch.score().run().result() != null && ch.score().run().result().completed());
                x.put("reason", ch.reason());
                checks.add(x);
            }
            m.put("basic", checks);
        }
        if (!r.points().isEmpty()) {
            List<Map<String, Object>> grid = new ArrayList<>();
            for (BatchSweep.Point p : r.points()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("max_batch_size", p.maxBatchSize());
                x.put("batch_timeout_ms", p.batchTimeoutMs());
                x.put("mean_batch_size", round(p.meanBatchSize()));
                x.putAll(figures(p.figures()));
                grid.add(x);
            }
            m.put("batch_grid", grid);
        }
        List<Map<String, Object>> sessions = new ArrayList<>();
        r.scores().forEach(s -> sessions.add(session(s)));
        m.put("sessions", sessions);
        m.put("final_stats", r.finalStats());
        return m;
    }

    /** One aggregate as JSON fields. */
    public static Map<String, Object> figures(Figures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessions", f.sessions());
        m.put("succeeded", f.succeeded());
        m.put("success_rate", round(f.successRate()));
        m.put("error_rate", round(f.errorRate()));
        m.put("chunks", f.chunks());
        m.put("window_s", round(f.windowSeconds()));
        m.put("chunks_per_second", round(f.chunksPerSecond()));
        m.put("audio_s", round(f.audioSeconds()));
        Map<String, Object> lat = new LinkedHashMap<>();
        lat.put("p50", ms(f.p50()));
        lat.put("p90", ms(f.p90()));
        lat.put("p99", ms(f.p99()));
        lat.put("mean", round(f.mean()));
        lat.put("max", ms(f.max()));
        lat.put("server_p50", ms(f.serverP50()));
        lat.put("server_p99", ms(f.serverP99()));
        m.put("chunk_latency_ms", lat);
        m.put("AL", round(f.al()));
        m.put("LAAL", round(f.laal()));
        m.put("AL_CA", round(f.alCa()));
        m.put("LAAL_CA", round(f.laalCa()));
        m.put("utterances_scored", f.utterances());
        m.put("StreamLAAL", round(f.streamLaal()));
        m.put("StreamLAAL_CA", round(f.streamLaalCa()));
        m.put("stream_sentences_scored", f.streamSentences());
        m.put("BLEU", round(f.bleu()));
        m.put("bleu_signature", f.bleuSignature());
        m.put("rtf_mean", round(f.rtfMean()));
        m.put("rtf_max", round(f.rtfMax()));
        return m;
    }

    static Map<String, Object> session(SessionScore s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_id", s.run().sessionId());
        m.put("replay_of", s.run().replayOf());
        m.put("user", s.run().user());
        m.put("language_pair", s.run().languagePair());
        m.put("latency_multiplier", s.run().latencyMultiplier());
        m.put("item", s.run().item() == null ? null : s.run().item().id());
        m.put("succeeded", s.run().succeeded());
        m.put("errors", s.errors());
        m.put("chunks", s.chunks());
        m.put("audio_s", round(s.sourceLengthMs() / 1000));
        Percentiles p = new Percentiles(s.clientLatenciesMs());
        m.put("chunk_latency_ms", Map.of("p50", ms(p.at(50)), "p90", ms(p.at(90)), "p99", ms(p.at(99))).entrySet()
                .stream().sorted(Map.Entry.comparingByKey())
                .collect(LinkedHashMap::new, (a, e) -> a.put(e.getKey(), e.getValue()), Map::putAll));
        m.put("AL", round(s.latency().al()));
        m.put("LAAL", round(s.latency().laal()));
        m.put("AL_CA", round(s.latency().alCa()));
        m.put("LAAL_CA", round(s.latency().laalCa()));
        m.put("StreamLAAL", s.stream() == null ? null : round(s.stream().streamLaal()));
        m.put("StreamLAAL_CA", s.stream() == null ? null : round(s.stream().streamLaalCa()));
        m.put("BLEU", s.bleu() == null ? null : round(s.bleu()));
        m.put("rtf", round(s.rtf()));
        m.put("hypothesis", s.hypothesis());
        m.put("reference", s.reference());
        return m;
    }

    static Map<String, Object> lag(List<StatsSampler.Sample> samples) {
        List<Long> lags = samples.stream().map(StatsSampler.Sample::kafkaLag).filter(Objects::nonNull).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", lags.size());
        m.put("max", lags.stream().mapToLong(Long::longValue).max().stream().boxed().findFirst().orElse(null));
        m.put("mean", lags.isEmpty() ? null : round(lags.stream().mapToLong(Long::longValue).average().orElse(0)));
        m.put("last", lags.isEmpty() ? null : lags.get(lags.size() - 1));
        return m;
    }

    /** null for NaN/infinite; else rounded to 0.01. */
    static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
    }

    private static Long ms(long v) {
        return v < 0 ? null : v;
    }
}
