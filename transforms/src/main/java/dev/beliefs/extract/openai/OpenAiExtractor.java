package dev.beliefs.extract.openai;

import dev.beliefs.beam.JvmShared;
import dev.beliefs.extract.BeliefExtractor;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.budget.SpendingLedger;
import dev.beliefs.extract.cache.InFlightNotes;
import dev.beliefs.extract.cache.RequestTurns;
import dev.beliefs.extract.cache.ResponseCache;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Extracts beliefs by asking an OpenAI-compatible chat model.
 *
 * <p>Every attempt first reserves its worst-case cost from the run's {@link Budget} and is admitted
 * by the JVM's {@link RequestGate}, so that neither the cap nor the rate limits are passed. It
 * retries what is worth retrying: 429 (after {@code Retry-After}, else after the exhausted limit's
 * reset), 5xx, timeouts and broken connections, answers that are not JSON of the schema, and an
 * answer cut off by {@code max_tokens} (once, with twice the tokens). Waits between other retries
 * are the {@link RetryPolicy}'s, exponential with full jitter. Client errors such as 400 and 401
 * fail at once: repeating them cannot help. Every attempt the server answered is counted as billed;
 * one whose answer never came back (a timeout, a broken connection) is counted as {@link
 * LostRequests lost}, with the most it may have cost. Once an answer says that every request would
 * be refused alike (no credit, a key refused: {@link ApiErrorException#refusesEveryRequest()}), no
 * worker of the run in this JVM sends another: their chunks fail at once with the same reason.
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
  private final RetryPolicy retry;
  private final OpenAiClient client;
  private final RequestGate gate;
  private final Budget budget;
  private final Sleeper sleeper;
  private final @Nullable ResponseCache cache;
  private final InFlightNotes notes;
  private final String stateKey;

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
    this(settings, client, gate, budget, sleeper, cache, stateKey(settings, Share.whole()));
  }

  private OpenAiExtractor(
      OpenAiSettings settings,
      OpenAiClient client,
      RequestGate gate,
      Budget budget,
      Sleeper sleeper,
      @Nullable ResponseCache cache,
      String stateKey) {
    this.settings = settings;
    this.retry = settings.retry();
    this.client = client;
    this.gate = gate;
    this.budget = budget;
    this.sleeper = sleeper;
    this.cache = cache;
    this.notes = cache == null ? new InFlightNotes("", null) : cache.inFlight();
    this.stateKey = stateKey;
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

  /** Names the client, gate and budget one share's workers use in a JVM. */
  private static String stateKey(OpenAiSettings settings, Share share) {
    return settings.sharedKey() + ":" + share.key();
  }

  @Override
  public Extraction extract(Chunk chunk) throws ExtractionFailedException {
    Attempts attempts = new Attempts();
    if (cache == null) {
      return ask(chunk, attempts, null);
    }
    String cacheKey =
        ResponseCache.key(settings.chat().requestBody(chunk.text(), settings.chat().maxTokens()));
    try (RequestTurns.Turn turn = cache.turn(cacheKey)) {
      ResponseCache.Lookup found = cache.lookup(cacheKey);
      if (found instanceof ResponseCache.Hit hit) {
        return fromCache(hit, chunk, attempts);
      }
      attempts.cacheCorrupt = found instanceof ResponseCache.Corrupt;
      notes.unanswered(cacheKey, chunk.id()).ifPresent(attempts::lostEarlier);
      Extraction answered = null;
      try {
        answered = ask(chunk, attempts, cacheKey);
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
  private Extraction fromCache(ResponseCache.Hit hit, Chunk chunk, Attempts attempts) {
    Optional<ResponseCache.Payment> paid = cache.paidInThisRun(hit, chunk.id());
    if (paid.isPresent()) {
      return paidEarlier(hit, paid.get());
    }
    if (cache.paidByThisRun(hit)) {
      return Extraction.deduplicated(hit.beliefs(), attempts.elapsedMs());
    }
    return Extraction.fromCache(hit.beliefs(), hit.entry().usage(), attempts.elapsedMs());
  }

  /** Asks the model, attempt after attempt; the answer goes into the cache when there is one. */
  private Extraction ask(Chunk chunk, Attempts attempts, @Nullable String cacheKey)
      throws ExtractionFailedException {
    int maxTokens = settings.chat().maxTokens();
    boolean enlarged = false;
    String reason = "exhausted";
    String detail = "no attempt was made";
    while (retry.allowsAnother(attempts.requests)) {
      if (attempts.requests > 0) {
        sleep(attempts);
      }
      ApiErrorException refusal = client.refusal();
      if (refusal != null) {
        throw attempts.fail(
            refusal.reason(), "not sent: an earlier request was refused: " + refusal.getMessage());
      }
      long prompt = chunk.estimatedPromptTokens();
      BigDecimal worstCase = settings.price().cost(new Usage(prompt, 0, maxTokens));
      if (!reserve(worstCase, attempts)) {
        throw attempts.fail(ExtractBeliefs.OVER_BUDGET, budget.refusal(worstCase));
      }
      BigDecimal billed = BigDecimal.ZERO;
      RequestGate.Admission admission = null;
      try {
        admission = gate.admit(prompt + maxTokens);
        if (Thread.interrupted()) {
          // The step gave this call up while it waited: nothing is sent.
          throw new InterruptedException();
        }
        attempts.requests++;
        attempts.retryAfter = null;
        if (cacheKey != null) {
          notes.asking(cacheKey, attempts.note(chunk, prompt, maxTokens));
        }
        ChatResponse response = client.chat(settings.chat().requestBody(chunk.text(), maxTokens));
        billed = settings.price().cost(response.usage());
        attempts.billed = attempts.billed.plus(response.usage());
        gate.correct(prompt, response.usage().promptTokens());
        gate.observe(admission, response.rateLimits());
        AnswerVerdict verdict = AnswerVerdict.of(response, maxTokens, enlarged);
        if (verdict instanceof AnswerVerdict.Fail fail) {
          throw attempts.fail(fail.reason(), fail.detail());
        }
        if (verdict instanceof AnswerVerdict.Retry retry) {
          if (retry.enlarge()) {
            enlarged = true;
            maxTokens *= 2;
          }
          reason = retry.reason();
          detail = retry.detail();
          continue;
        }
        List<ModelBelief> beliefs = ((AnswerVerdict.Accepted) verdict).beliefs();
        Extraction answer =
            new Extraction(
                beliefs,
                attempts.billed,
                attempts.sent(),
                attempts.rateLimited,
                attempts.elapsedMs(),
                false,
                Usage.NONE,
                attempts.cacheCorrupt,
                false,
                attempts.lost);
        if (cache != null) {
          cache.store(
              cacheKey, response.model(), response.content(), response.usage(), chunk.id(), answer);
        }
        return answer;
      } catch (ApiErrorException e) {
        gate.observe(admission, e.rateLimits());
        reason = e.reason();
        detail = e.getMessage();
        if (!e.isRetryable()) {
          throw attempts.fail(reason, detail);
        }
        if (e.status() == 429) {
          attempts.rateLimited++;
          attempts.retryAfter = gate.backOff(e.rateLimits(), retry.backoff(attempts.requests));
        }
      } catch (IOException e) {
        reason = e instanceof SocketTimeoutException ? "timeout" : "connection";
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (OpenAiClient.mayHaveBeenBilled(e)) {
          // The server may bill it although its answer is lost: the budget counts its worst case.
          attempts.lost = attempts.lost.plus(LostRequests.one(prompt, maxTokens));
          billed = worstCase;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw attempts.fail("interrupted", "interrupted while waiting for the rate limit");
      } finally {
        budget.settle(worstCase, billed);
      }
    }
    throw attempts.fail(
        reason, "gave up after " + attempts.requests + " attempts; last: " + detail);
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

  private boolean reserve(BigDecimal worstCase, Attempts attempts)
      throws ExtractionFailedException {
    try {
      return budget.reserve(worstCase);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while waiting for room in the budget");
    }
  }

  /**
   * Gives back this worker's use of its share's client, gate and budget; the last use closes the
   * client's connections, which ends any call still in flight.
   */
  @Override
  public void close() {
    JvmShared.<OpenAiClient>release("client:" + stateKey, OpenAiClient::close);
    JvmShared.release("gate:" + stateKey, unused -> {});
    JvmShared.<Budget>release("budget:" + stateKey, Budget::close);
  }

  private void sleep(Attempts attempts) throws ExtractionFailedException {
    Duration wait =
        attempts.retryAfter != null ? attempts.retryAfter : retry.backoff(attempts.requests);
    try {
      sleeper.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while waiting to retry");
    }
  }

  private final class Attempts {
    final long startNanos = System.nanoTime();

    /** Requests of this attempt at the chunk: what {@code --maxAttempts} bounds. */
    int requests;

    /** Requests of an earlier attempt of this run at the chunk, lost with its worker. */
    int sentEarlier;

    int rateLimited;
    Usage billed = Usage.NONE;
    Duration retryAfter;
    boolean cacheCorrupt;
    LostRequests lost = LostRequests.NONE;

    long elapsedMs() {
      return (System.nanoTime() - startNanos) / 1_000_000;
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

    /** Requests sent for the chunk in this run, by this attempt and a lost earlier one. */
    int sent() {
      return sentEarlier + requests;
    }

    InFlightNotes.@Nullable Asking note(Chunk chunk, long prompt, int maxTokens) {
      return notes.note(chunk.id(), billed, sent(), rateLimited, lost, prompt, maxTokens);
    }

    ExtractionFailedException fail(String reason, String detail) {
      return new ExtractionFailedException(
          reason, detail, billed, sent(), rateLimited, elapsedMs(), cacheCorrupt, lost);
    }
  }

  private record Factory(
      OpenAiSettings settings, @Nullable ResponseCache cache, @Nullable SpendingLedger ledger)
      implements BeliefExtractorFactory {

    @Override
    public BeliefExtractor create(Share share) {
      String key = stateKey(settings, share);
      // One client, so one connection pool, for every worker of the share in this JVM.
      OpenAiClient client =
          JvmShared.acquire(
              "client:" + key,
              () ->
                  new OpenAiClient(
                      settings.baseUrl(),
                      settings.apiKeySource().apiKey(),
                      settings.connectTimeout(),
                      settings.readTimeout()));
      RequestGate gate =
          JvmShared.acquire("gate:" + key, () -> new RequestGate(settings.rateLimits(), share));
      Budget budget =
          JvmShared.acquire(
              "budget:" + key,
              () ->
                  new Budget(
                      settings.maxCostUsd(),
                      share,
                      ledger == null || settings.maxCostUsd() == null
                          ? SpendingLedger.NONE
                          : ledger.open(share)));
      return new OpenAiExtractor(settings, client, gate, budget, Thread::sleep, cache, key);
    }

    @Override
    public String model() {
      return settings.chat().model();
    }
  }
}
