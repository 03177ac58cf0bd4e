package io.infinisst.stream.eval.report;

import io.infinisst.stream.eval.run.BasicTest;
import io.infinisst.stream.eval.run.BatchSweep;
import io.infinisst.stream.eval.score.Concurrency;
import io.infinisst.stream.eval.score.Figures;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's {@code README.md}: what was run, the headline tables, the charts, and what each figure means. */
public final class MarkdownReport {
    private MarkdownReport() {}

    /** @param charts chart files written beside the report, embedded in this order */
    public static String of(RunReport r, List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# Evaluation run `").append(r.runId()).append("`\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "mode", r.mode() + (r.passed() ? " — **passed**" : " — **FAILED**"));
        row(md, "system", r.url());
        row(md, "model", r.model());
        row(md, "evaluation data", r.evalSet());
        row(md, "started", Instant.ofEpochMilli(r.startedMs()).toString());
        row(md, "wall time", String.format(Locale.ROOT, "%.1f s", (r.finishedMs() - r.startedMs()) / 1000.0));
        row(md, "seed", String.valueOf(r.seed()));
        row(md, "options", r.options().toString());
        md.append('\n');

        Figures o = r.overall();
        Concurrency c = r.concurrency();
        md.append("## Overall\n\n");
        md.append("| sessions | succeeded | error rate | chunks | chunks/s | peak concurrent | sustained | "
                + "latency p50 / p90 / p99 (ms) | RTF mean | Kafka lag max |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        Object lagMax = SummaryJson.lag(r.stats()).get("max");
        md.append(String.format(Locale.ROOT, "| %d | %d | %s | %d | %s | %d | %d | %s / %s / %s | %s | %s |%n%n",
                o.sessions(), o.succeeded(), pct(o.errorRate()), o.chunks(), num(o.chunksPerSecond()), c.peak(),
                c.sustained(), ms(o.p50()), ms(o.p90()), ms(o.p99()), num(o.rtfMean()),
                lagMax == null ? "n/a" : lagMax));

        md.append("## Per language pair\n\n");
        md.append("| pair | sessions | ok | BLEU | AL | LAAL | AL_CA | LAAL_CA | StreamLAAL | StreamLAAL_CA | "
                + "latency p50 / p99 (ms) | RTF |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (Map.Entry<String, Figures> e : r.perPair().entrySet()) {
            Figures f = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |%n",
                    e.getKey(), f.sessions(), f.succeeded(), num(f.bleu()), num(f.al()), num(f.laal()),
                    num(f.alCa()), num(f.laalCa()), num(f.streamLaal()), num(f.streamLaalCa()), ms(f.p50()),
                    ms(f.p99()), num(f.rtfMean())));
        }
        md.append('\n');
        if (r.perPair().values().stream().anyMatch(f -> f.al() < 0 || f.alCa() < 0 || f.streamLaal() < 0)) {
            md.append("Negative lags: AL compares an output longer than the reference with an ideal system that ")
                    .append("emits only the reference's length, so over-generation looks early (Papi et al. 2022; ")
                    .append("LAAL corrects this). StreamLAAL goes negative when resegmentation assigns units emitted ")
                    .append("before a sentence's speech to that sentence — output unrelated to the reference, as ")
                    .append("the diagnostic model's labels are.\n\n");
        }
        r.perPair().values().stream().map(Figures::bleuSignature).filter(s -> s != null).distinct()
                .forEach(s -> md.append("BLEU signature: `").append(s).append("`  \n"));
        md.append('\n');

        if (!r.checks().isEmpty()) {
            md.append("## Basic test\n\n| pair | result | session | chunks | reason |\n|---|---|---|---:|---|\n");
            for (BasicTest.Check ch : r.checks()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | `%s` | %d | %s |%n", ch.languagePair(),
                        ch.passed() ? "PASS" : "FAIL", ch.score().run().sessionId(), ch.score().chunks(),
                        ch.reason().isEmpty() ? "" : ch.reason().replace("|", "\\|")));
            }
            md.append('\n');
        }
        if (!r.points().isEmpty()) {
            md.append("## Batching sweep\n\n| max_batch_size | batch_timeout_ms | mean batch | p50 ms | p90 ms | p99 ms"
                    + " | chunks/s | errors |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (BatchSweep.Point p : r.points()) {
                Figures f = p.figures();
                md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %s | %s | %d |%n", p.maxBatchSize(),
                        p.batchTimeoutMs(), num(p.meanBatchSize()), ms(f.p50()), ms(f.p90()), ms(f.p99()),
                        num(f.chunksPerSecond()), f.sessions() - f.succeeded()));
            }
            md.append('\n');
        }
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
            charts.forEach(ch -> md.append("![").append(ch).append("](").append(ch).append(")\n\n"));
        }
        md.append("## What the figures mean\n\n")
                .append("- **chunk latency**: client side, from sending the 0.1 s frame holding a chunk's last sample ")
                .append("to receiving its translation; nearest-rank percentiles over every chunk.\n")
                .append("- **AL / LAAL** (single utterances) and **StreamLAAL** (multi-sentence streams, resegmented ")
                .append("against the reference sentences): source milliseconds; `_CA` uses wall-clock time from the ")
                .append("first frame sent. Characters for Chinese, words otherwise. Formulas: `docs/metrics.md`.\n")
                .append("- **BLEU**: sacreBLEU's corpus BLEU per pair (`zh` tokenizer for Chinese, `13a` otherwise).\n")
                .append("- **RTF**: (last translation − first frame) / audio length; 1 + final delay / length at ")
                .append("real-time pace.\n")
                .append("- **sustained**: most sessions streaming at once while each one's latest chunk came within ")
                .append("2 × the chunk duration and none had an error.\n")
                .append("- **Kafka lag**: the job's consumer lag on the requests topic, sampled from `/stats`.\n\n")
                .append("Files: `summary.json`, `sessions.jsonl` (what `sst eval --replay` reads), `instances.log` ")
                .append("(SimulEval format; one per pair as `instances.<pair>.log`), `chunks.csv`.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }

    static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ms(long v) {
        return v < 0 ? "n/a" : String.valueOf(v);
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
