package dev.beliefs.pipeline.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.beliefs.progress.ChunkTally;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Progress driven by a clock the test moves by hand. */
class ProgressTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicReference<ChunkTally.Snapshot> counts =
      new AtomicReference<>(ChunkTally.Snapshot.EMPTY);
  private final List<ProgressStatus> shown = new ArrayList<>();

  private final ProgressView recorder = shown::add;

  private void at(long seconds, ChunkTally.Snapshot snapshot) {
    nanos.set(1_000_000_000L + seconds * 1_000_000_000L);
    counts.set(snapshot);
  }

  private static ChunkTally.Snapshot snapshot(
      long arrived, long inFlight, long succeeded, long failed, long requests, long tokens) {
    return new ChunkTally.Snapshot(
        arrived, inFlight, succeeded, failed, 1, requests, tokens, 25_000L * (succeeded + failed));
  }

  @Test
  void beforeAnyChunkIsDone_thereIsNoEtaNorProjection() {
    Progress progress = new Progress(counts::get, recorder, nanos::get);
    at(1, snapshot(40, 4, 0, 0, 4, 0));

    progress.tick();

    ProgressStatus status = shown.get(0);
    assertEquals(0, status.done());
    assertEquals(40, status.total());
    assertEquals(4, status.inFlight());
    assertNull(status.eta());
    assertNull(status.projectedCostUsd());
    assertEquals(
        "chunks 0/40  (0 failed, 1 cached, 4 in flight)  $0  0 req/min  0 tokens/min  ETA -",
        status.line());
  }

  @Test
  void countsCostRatesAndEta_followTheTallyAndTheClock() {
    Progress progress = new Progress(counts::get, recorder, nanos::get);
    at(0, snapshot(40, 4, 0, 0, 0, 0));
    progress.tick();
    at(30, snapshot(40, 4, 9, 1, 12, 30_000));
    progress.tick();

    ProgressStatus status = shown.get(1);
    assertEquals(10, status.done());
    assertEquals(1, status.failed());
    assertEquals(0.25, status.costUsd(), 1e-9);
    assertEquals(1.0, status.projectedCostUsd(), 1e-9, "$0.25 for 10 of 40 chunks");
    assertEquals(24, status.requestsPerMinute(), 1e-9, "12 requests in half a minute");
    assertEquals(60_000, status.tokensPerMinute(), 1e-9);
    assertEquals(Duration.ofSeconds(90), status.eta(), "30 more chunks at 3 s each");
    assertEquals(
        "chunks 10/40  (1 failed, 1 cached, 4 in flight)  $0.2500 of ~$1.00  24 req/min  60,000"
            + " tokens/min  ETA 1:30",
        status.line());
  }

  @Test
  void ratesAreOverTheLastMinute() {
    Progress progress = new Progress(counts::get, recorder, nanos::get);
    at(0, snapshot(100, 0, 0, 0, 0, 0));
    progress.tick();
    at(60, snapshot(100, 0, 50, 0, 600, 0));
    progress.tick();
    at(120, snapshot(100, 0, 60, 0, 660, 0));
    progress.tick();
    at(121, snapshot(100, 0, 60, 0, 660, 0));
    progress.tick();

    assertEquals(
        60 * 60 / 61.0, shown.get(3).requestsPerMinute(), 1e-9, "60 requests from 60 s to 121 s");
  }

  @Test
  void plainLines_printOneLineEveryTenSecondsOfTheRun() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress progress =
        new Progress(
            counts::get,
            new PlainLines(new PrintStream(err, true, StandardCharsets.UTF_8)),
            nanos::get);

    for (int second = 1; second <= 35; second++) {
      at(second, snapshot(40, 1, second, 0, second, 0));
      progress.tick();
    }
    progress.close();

    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), lines.toString());
    assertEquals("chunks 10/40", lines.get(0).substring(0, "chunks 10/40".length()));
    assertEquals("chunks 20/40", lines.get(1).substring(0, "chunks 20/40".length()));
    assertEquals("chunks 30/40", lines.get(2).substring(0, "chunks 30/40".length()));
  }

  @Test
  void plainLines_afterAPauseLongerThanTheInterval_printOnceAndKeepTheRhythm() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress progress =
        new Progress(
            counts::get,
            new PlainLines(new PrintStream(err, true, StandardCharsets.UTF_8)),
            nanos::get);

    at(25, snapshot(40, 1, 5, 0, 5, 0));
    progress.tick();
    at(29, snapshot(40, 1, 6, 0, 6, 0));
    progress.tick();
    at(30, snapshot(40, 1, 7, 0, 7, 0));
    progress.tick();

    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("chunks 5/40", lines.get(0).substring(0, "chunks 5/40".length()));
    assertEquals("chunks 7/40", lines.get(1).substring(0, "chunks 7/40".length()));
  }

  @Test
  void theTallyCountsCallsAsTheyStartAndEnd() {
    ChunkTally tally = ChunkTally.of("progress-test-" + System.nanoTime());
    try {
      tally.arrived();
      tally.arrived();
      tally.started();

      assertEquals(1, tally.snapshot().inFlight());
      assertEquals(2, tally.snapshot().arrived());
      assertEquals(0, tally.snapshot().done());

      tally.finished("neither a result nor a failure");

      assertEquals(0, tally.snapshot().inFlight());
    } finally {
      tally.forget();
    }
  }
}
