package dev.beliefs.extract.openai;

import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.cache.InFlightNotes;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.time.Duration;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What asking for one chunk's answer has taken so far: requests sent (by this attempt and by an
 * earlier one of the run that was lost with its worker), usage billed, 429s, lost requests, time.
 * It is what the chunk's {@link Extraction} or {@link ExtractionFailedException} carries. With a
 * response cache, each request is noted in the {@link InFlightNotes} before it is sent.
 */
final class ChunkAttempts {

  private final long startNanos = System.nanoTime();
  private final @Nullable InFlightNotes notes;
  private final @Nullable String key;

  /** Requests of this attempt at the chunk: what {@code --maxAttempts} bounds. */
  private int requests;

  /** Requests of an earlier attempt of this run at the chunk, lost with its worker. */
  private int sentEarlier;

  private int rateLimited;
  private Usage billed = Usage.NONE;
  private @Nullable Duration retryAfter;
  private boolean cacheCorrupt;
  private LostRequests lost = LostRequests.NONE;

  private ChunkAttempts(@Nullable InFlightNotes notes, @Nullable String key) {
    this.notes = notes;
    this.key = key;
  }

  /** Attempts whose requests are noted nowhere: there is no response cache. */
  static ChunkAttempts unnoted() {
    return new ChunkAttempts(null, null);
  }

  /** Attempts that note each request under the cache's {@code key} before it is sent. */
  static ChunkAttempts notedIn(InFlightNotes notes, String key) {
    return new ChunkAttempts(notes, key);
  }

  /** Requests of this attempt at the chunk. */
  int requests() {
    return requests;
  }

  /** Requests sent for the chunk in this run, by this attempt and a lost earlier one. */
  int sent() {
    return sentEarlier + requests;
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The wait the server asked for after the last request, if it answered 429. */
  @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** What an earlier attempt at the chunk, lost with its worker, sent and was billed. */
  void lostEarlier(InFlightNotes.Asking earlier) {
    sentEarlier = earlier.requests();
    rateLimited += earlier.rateLimited();
    billed = billed.plus(earlier.billed());
    lost =
        earlier
            .lostBefore()
            .plus(LostRequests.one(earlier.promptTokens(), earlier.maxTokens()))
            .plus(lost);
  }

  void cacheCorrupt() {
    cacheCorrupt = true;
  }

  /** Counts a request about to be sent and, with a cache, notes it as in flight. */
  void sending(Chunk chunk, long promptTokens, int maxTokens) {
    requests++;
    retryAfter = null;
    if (notes != null) {
      notes.asking(
          key, notes.note(chunk.id(), billed, sent(), rateLimited, lost, promptTokens, maxTokens));
    }
  }

  void billed(Usage usage) {
    billed = billed.plus(usage);
  }

  /** The last request was answered 429; the next waits {@code wait}. */
  void rateLimited(Duration wait) {
    rateLimited++;
    retryAfter = wait;
  }

  /** The last request's answer never came back, though the server may have billed it. */
  void lost(long promptTokens, int maxTokens) {
    lost = lost.plus(LostRequests.one(promptTokens, maxTokens));
  }

  Extraction answer(List<ModelBelief> beliefs) {
    return new Extraction(
        beliefs,
        billed,
        sent(),
        rateLimited,
        elapsedMs(),
        false,
        Usage.NONE,
        cacheCorrupt,
        false,
        lost);
  }

  ExtractionFailedException fail(String reason, String detail) {
    return new ExtractionFailedException(
        reason, detail, billed, sent(), rateLimited, elapsedMs(), cacheCorrupt, lost);
  }
}
