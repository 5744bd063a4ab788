package dev.beliefs.extract.openai;

import dev.beliefs.extract.ExtractBeliefs;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Sends one chat request for a chunk within its share's spending cap and rate limits: nothing once
 * the client has seen an answer that {@linkplain ApiErrorException#refusesEveryRequest() refuses
 * every request}; else it reserves the request's worst case in the {@link Budget}, waits for the
 * {@link RequestGate}, sends, and tells the gate what the server counted and has left. After a 429
 * the gate decides the wait ({@link ChunkAttempts#retryAfter()}).
 *
 * <p>The budget is settled with what the request was billed as soon as its answer arrives, before
 * anyone reads the answer, so that requests waiting for room in the budget need not wait for it to
 * be judged and stored. An answer that never came back is settled at its worst case, and counted as
 * lost, unless the request cannot have reached the server.
 */
final class ChatWithinLimits {

  private final OpenAiSettings settings;
  private final OpenAiClient client;
  private final RequestGate gate;
  private final Budget budget;

  ChatWithinLimits(OpenAiSettings settings, OpenAiClient client, RequestGate gate, Budget budget) {
    this.settings = settings;
    this.client = client;
    this.gate = gate;
    this.budget = budget;
  }

  /**
   * The server's answer to {@code chunk}'s request with {@code maxTokens}, counted in {@code
   * attempts}.
   *
   * @throws ExtractionFailedException not sent: refused earlier, over budget, or interrupted
   * @throws ApiErrorException the server answered with an error status
   * @throws IOException the connection failed or timed out, or the body was not JSON
   */
  ChatResponse send(Chunk chunk, int maxTokens, ChunkAttempts attempts)
      throws ExtractionFailedException, ApiErrorException, IOException {
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
      attempts.sending(chunk, prompt, maxTokens);
      ChatResponse response = client.chat(settings.chat().requestBody(chunk.text(), maxTokens));
      billed = settings.price().cost(response.usage());
      attempts.billed(response.usage());
      gate.correct(prompt, response.usage().promptTokens());
      gate.observe(admission, response.rateLimits());
      return response;
    } catch (ApiErrorException e) {
      gate.observe(admission, e.rateLimits());
      if (e.isRetryable() && e.status() == 429) {
        attempts.rateLimited(
            gate.backOff(e.rateLimits(), settings.retry().backoff(attempts.requests())));
      }
      throw e;
    } catch (IOException e) {
      if (OpenAiClient.mayHaveBeenBilled(e)) {
        // The server may bill it although its answer is lost: the budget counts its worst case.
        attempts.lost(prompt, maxTokens);
        billed = worstCase;
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while waiting for the rate limit");
    } finally {
      budget.settle(worstCase, billed);
    }
  }

  private boolean reserve(BigDecimal worstCase, ChunkAttempts attempts)
      throws ExtractionFailedException {
    try {
      return budget.reserve(worstCase);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while waiting for room in the budget");
    }
  }
}
