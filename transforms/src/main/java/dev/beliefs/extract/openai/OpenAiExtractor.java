package dev.beliefs.extract.openai;

import dev.beliefs.extract.BeliefExtractor;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.budget.SpendingLedger;
import dev.beliefs.extract.cache.InFlightNotes;
import dev.beliefs.extract.cache.RequestTurns;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.model.Chunk;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Extracts beliefs by asking an OpenAI-compatible chat model: {@link ChatRetries} asks, attempt
 * after attempt, each request sent by {@link ChatWithinLimits} within the run's spending cap and
 * rate limits. Every attempt the server answered is counted as billed; one whose answer never came
 * back (a timeout, a broken connection) is counted as {@link LostRequests lost}, with the most it
 * may have cost. Once an answer says that every request would be refused alike (no credit, a key
 * refused: {@link ApiErrorException#refusesEveryRequest()}), no worker of the run in this JVM sends
 * another: their chunks fail at once with the same reason.
 *
 * <p>With a {@link ResponseCache}, a request answered before is not sent again: the stored answer
 * is parsed as a live one would be, at no cost. The key is the chunk's first request (with the
 * configured {@code max_tokens}), so an answer that needed a retry with more tokens is found by the
 * request that will be asked first next time. Only answers that parsed are stored. Identical
 * requests of the run in this JVM take turns, so the second is answered by the first's answer
 * ({@link Extraction#deduplicated()}); requests in flight are noted ({@link InFlightNotes}), so
 * that an attempt the runner restarts counts what its lost predecessor sent.
 */
public final class OpenAiExtractor implements BeliefExtractor {

  private final OpenAiSettings settings;
  private final SharedChatState shared;
  private final ChatRetries retries;
  private final @Nullable ResponseCache cache;
  private final @Nullable InFlightNotes notes;

  OpenAiExtractor(
      OpenAiSettings settings,
      OpenAiClient client,
      RequestGate gate,
      Budget budget,
      Sleeper sleeper) {
    this(settings, client, gate, budget, sleeper, null);
  }

  OpenAiExtractor(
      OpenAiSettings settings,
      OpenAiClient client,
      RequestGate gate,
      Budget budget,
      Sleeper sleeper,
      @Nullable ResponseCache cache) {
    this(
        settings,
        new SharedChatState(client, gate, budget, SharedChatState.key(settings, Share.whole())),
        sleeper,
        cache);
  }

  private OpenAiExtractor(
      OpenAiSettings settings,
      SharedChatState shared,
      Sleeper sleeper,
      @Nullable ResponseCache cache) {
    this.settings = settings;
    this.shared = shared;
    this.retries =
        new ChatRetries(
            new ChatWithinLimits(settings, shared.client(), shared.gate(), shared.budget()),
            settings.retry(),
            settings.chat().maxTokens(),
            sleeper);
    this.cache = cache;
    this.notes = cache == null ? null : cache.inFlight();
  }

  public static BeliefExtractorFactory factory(OpenAiSettings settings) {
    return new Factory(settings, null, null);
  }

  /** Extractors that look answers up in {@code cache} before asking, and store new ones there. */
  public static BeliefExtractorFactory factory(OpenAiSettings settings, ResponseCache cache) {
    return new Factory(settings, cache, null);
  }

  /**
   * Extractors as {@link #factory(OpenAiSettings, ResponseCache)} builds them, whose shares of the
   * spending cap are recorded in {@code ledger}, so that restarted attempts stay within the cap.
   */
  public static BeliefExtractorFactory factory(
      OpenAiSettings settings, ResponseCache cache, SpendingLedger ledger) {
    return new Factory(settings, cache, ledger);
  }

  @Override
  public Extraction extract(Chunk chunk) throws ExtractionFailedException {
    if (cache == null) {
      return retries.ask(chunk, ChunkAttempts.unnoted()).extraction();
    }
    String cacheKey =
        ResponseCache.key(settings.chat().requestBody(chunk.text(), settings.chat().maxTokens()));
    ChunkAttempts attempts = ChunkAttempts.notedIn(notes, cacheKey);
    try (RequestTurns.Turn turn = cache.turn(cacheKey)) {
      ResponseCache.Lookup found = cache.lookup(cacheKey);
      if (found instanceof ResponseCache.Hit hit) {
        return fromCache(hit, chunk, attempts);
      }
      if (found instanceof ResponseCache.Corrupt) {
        attempts.cacheCorrupt();
      }
      notes.unanswered(cacheKey, chunk.id()).ifPresent(attempts::lostEarlier);
      Extraction answered = null;
      try {
        ChatRetries.Answered asked = retries.ask(chunk, attempts);
        ChatResponse response = asked.response();
        answered = asked.extraction();
        cache.store(
            cacheKey, response.model(), response.content(), response.usage(), chunk.id(), answered);
        return answered;
      } finally {
        // A call the runner gave up (its task cancelled or failed over) may be in flight: its note
        // stays, so that the next attempt at the chunk counts that request as lost.
        boolean abandoned = answered == null && Thread.currentThread().isInterrupted();
        if (attempts.sent() > 0 && !abandoned) {
          notes.settled(cacheKey);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while an identical request was asked");
    }
  }

  /**
   * A stored answer: paid for by an attempt of this run at this chunk that the runner restarted, or
   * by this run for another chunk (an identical request, deduplicated), or a saving.
   */
  private Extraction fromCache(ResponseCache.Hit hit, Chunk chunk, ChunkAttempts attempts) {
    Optional<ResponseCache.Payment> paid = cache.paidInThisRun(hit, chunk.id());
    if (paid.isPresent()) {
      return paidEarlier(hit, paid.get());
    }
    if (cache.paidByThisRun(hit)) {
      return Extraction.deduplicated(hit.beliefs(), attempts.elapsedMs());
    }
    return Extraction.fromCache(hit.beliefs(), hit.entry().usage(), attempts.elapsedMs());
  }

  /**
   * The answer an attempt of this run that the runner restarted paid for: its cost stays this
   * run's. The budget already holds it, in the {@link SpendingLedger} record of the attempt that
   * paid.
   */
  private Extraction paidEarlier(ResponseCache.Hit hit, ResponseCache.Payment paid) {
    return new Extraction(
        hit.beliefs(), paid.billed(), paid.requests(), paid.rateLimited(), paid.latencyMs());
  }

  /**
   * Gives back this worker's use of its share's client, gate and budget; the last use closes the
   * client's connections, which ends any call still in flight.
   */
  @Override
  public void close() {
    shared.release();
  }

  private record Factory(
      OpenAiSettings settings, @Nullable ResponseCache cache, @Nullable SpendingLedger ledger)
      implements BeliefExtractorFactory {

    @Override
    public BeliefExtractor create(Share share) {
      return new OpenAiExtractor(
          settings, SharedChatState.acquire(settings, share, ledger), Thread::sleep, cache);
    }

    @Override
    public String model() {
      return settings.chat().model();
    }
  }
}
