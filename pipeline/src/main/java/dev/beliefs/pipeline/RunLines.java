package dev.beliefs.pipeline;

import dev.beliefs.io.RunSummary;
import dev.beliefs.progress.ChunkTally;
import java.math.BigDecimal;
import java.util.Locale;

/** The lines {@code extract} prints about a run: what it did, and why it stopped early. */
final class RunLines {

  private RunLines() {}

  /**
   * {@code 5 files: 4 transcripts read, 1 unreadable; 46 chunks (0 failed, 7 too short to send), 13
   * beliefs, 12 requests, $0.0123, 3.1 s -> out/report.html}.
   */
  static String summary(RunSummary s, double wallSeconds, String report) {
    long files = s.transcripts() + s.transcriptsFailed();
    return String.format(
        Locale.ROOT,
        "%s: %s read%s, %,d unreadable; %s (%,d failed, %,d too short to send), %s, %s, %s,"
            + " %.1f s -> %s",
        count(files, "file"),
        count(s.transcripts(), "transcript"),
        s.transcriptsSkipped() > 0
            ? String.format(Locale.ROOT, " (%,d unchanged, skipped)", s.transcriptsSkipped())
            : "",
        s.transcriptsFailed(),
        count(s.chunks(), "chunk"),
        s.chunksFailed(),
        s.chunksSkipped(),
        count(s.beliefs(), "belief"),
        count(s.requests(), "request"),
        dollars(s.costUsd()),
        wallSeconds,
        report);
  }

  /** Said when an earlier run's work was reused; null when none was. */
  static String reused(RunSummary s) {
    if (s.transcriptsSkipped() == 0 && s.cacheHits() == 0) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%s unchanged since an earlier run, %s from the cache (%s saved)",
        count(s.transcriptsSkipped(), "transcript"),
        count(s.cacheHits(), "answer"),
        dollars(s.savedUsd()));
  }

  /** Said when a signal stops the run: what is kept, and that the same command resumes. */
  static String interrupted(String signal, ChunkTally.Snapshot done, boolean offline) {
    String answered =
        String.format(
            Locale.ROOT,
            "Interrupted (SIG%s): %,d of %,d chunks were answered",
            signal,
            done.succeeded(),
            done.arrived());
    return offline
        ? answered
            + "; the offline extractor keeps no answers (they cost nothing), so the same command"
            + " starts over."
        : answered
            + " and are kept in the response cache; the same command resumes and does not pay"
            + " for them again.";
  }

  static String dollars(BigDecimal usd) {
    return "$" + (usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString());
  }

  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
