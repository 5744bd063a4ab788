package dev.beliefs.extract.batch;

import dev.beliefs.cost.ModelPrice;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Usage;
import java.math.BigDecimal;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One request's progress through a {@link BatchJob}'s rounds: to send, sent in a batch, answered,
 * or failed; what it was billed, and the worst case it holds in the {@link Budget} while in flight.
 */
final class TrackedRequest {

  enum State {
    TO_SEND,
    SENT,
    ANSWERED,
    FAILED
  }

  final String customId;
  final String key;
  final int promptTokens;
  int maxTokens;
  boolean enlarged;
  State state = State.TO_SEND;
  @Nullable BatchRecord in;
  Usage billed = Usage.NONE;
  int requests;
  int rateLimited;
  private long firstSentMs = -1;
  private BigDecimal reservation = BigDecimal.ZERO;
  String reason = "not_sent";
  String detail = "no batch took the request";
  @Nullable Extraction answer;

  TrackedRequest(BatchJob.Request request, int maxTokens) {
    this.customId = request.customId();
    this.key = request.key();
    this.promptTokens = request.promptTokens();
    this.maxTokens = maxTokens;
  }

  /** Whether this request waits for its answer in {@code batch}. */
  boolean awaitedIn(BatchRecord batch) {
    return state == State.SENT && in == batch;
  }

  void sent(BatchRecord batch, long atMs) {
    state = State.SENT;
    in = batch;
    requests++;
    if (firstSentMs < 0) {
      firstSentMs = atMs;
    }
  }

  /** Waits for the next round. */
  void retry(String why, String what) {
    state = State.TO_SEND;
    in = null;
    reason = why;
    detail = what;
  }

  void fail(String why, String what) {
    state = State.FAILED;
    in = null;
    reason = why;
    detail = what;
  }

  /** Waits for the next round when {@code retryable}, else fails. */
  void retryOrFail(boolean retryable, String why, String what) {
    if (retryable) {
      retry(why, what);
    } else {
      fail(why, what);
    }
  }

  void answered(List<ModelBelief> beliefs) {
    state = State.ANSWERED;
    answer = new Extraction(beliefs, billed, requests, rateLimited, latencyMs());
  }

  /** The next request asks for twice the tokens, after an answer cut off at {@code max_tokens}. */
  void enlarge() {
    enlarged = true;
    maxTokens *= 2;
  }

  /** The whole prompt uncached and all of {@code max_tokens}: what one request may cost. */
  BigDecimal worstCase(ModelPrice price) {
    return price.cost(new Usage(promptTokens, 0, maxTokens));
  }

  /** Holds {@code worstCase} in the budget until {@link #settle}. */
  void reserved(BigDecimal worstCase) {
    reservation = worstCase;
  }

  /** Gives back the reservation and counts what the request was billed (zero when nothing). */
  void settle(Budget budget, BigDecimal cost) {
    budget.settle(reservation, cost);
    reservation = BigDecimal.ZERO;
  }

  /** Why the request has no answer, once the rounds are over. */
  ExtractionFailedException failure() {
    String why = detail;
    if (state != State.FAILED && requests > 0) {
      why =
          "gave up after "
              + requests
              + " batch "
              + (requests == 1 ? "round" : "rounds")
              + "; last: "
              + detail;
    }
    return new ExtractionFailedException(reason, why, billed, requests, rateLimited, latencyMs());
  }

  long latencyMs() {
    return firstSentMs < 0 ? 0 : Math.max(0, System.currentTimeMillis() - firstSentMs);
  }
}
