package dev.beliefs.extract.openai;

import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.limits.RetryPolicy;
import dev.beliefs.extract.limits.Sleeper;
import dev.beliefs.model.Chunk;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Asks for one chunk's answer until the {@link AnswerVerdict} accepts one or the {@link
 * RetryPolicy} allows no more requests. Worth another request: a retryable {@link
 * ApiErrorException} (429, 5xx), a timeout or broken connection, and what the verdict says to ask
 * again (a malformed answer; one cut off by {@code max_tokens}, asked once more with twice the
 * tokens). Other errors fail the chunk at once. Between requests it waits what the server asked
 * after a 429, else the policy's backoff.
 */
final class ChatRetries {

  /** An accepted answer: what asking took, and the response the beliefs came from. */
  record Answered(Extraction extraction, ChatResponse response) {}

  private final ChatWithinLimits chat;
  private final RetryPolicy retry;
  private final int maxTokens;
  private final Sleeper sleeper;

  ChatRetries(ChatWithinLimits chat, RetryPolicy retry, int maxTokens, Sleeper sleeper) {
    this.chat = chat;
    this.retry = retry;
    this.maxTokens = maxTokens;
    this.sleeper = sleeper;
  }

  Answered ask(Chunk chunk, ChunkAttempts attempts) throws ExtractionFailedException {
    int maxTokens = this.maxTokens;
    boolean enlarged = false;
    String reason = "exhausted";
    String detail = "no attempt was made";
    while (retry.allowsAnother(attempts.requests())) {
      if (attempts.requests() > 0) {
        sleep(attempts);
      }
      try {
        ChatResponse response = chat.send(chunk, maxTokens, attempts);
        AnswerVerdict verdict = AnswerVerdict.of(response, maxTokens, enlarged);
        if (verdict instanceof AnswerVerdict.Fail fail) {
          throw attempts.fail(fail.reason(), fail.detail());
        }
        if (verdict instanceof AnswerVerdict.Retry again) {
          if (again.enlarge()) {
            enlarged = true;
            maxTokens *= 2;
          }
          reason = again.reason();
          detail = again.detail();
          continue;
        }
        return new Answered(
            attempts.answer(((AnswerVerdict.Accepted) verdict).beliefs()), response);
      } catch (ApiErrorException e) {
        reason = e.reason();
        detail = e.getMessage();
        if (!e.isRetryable()) {
          throw attempts.fail(reason, detail);
        }
      } catch (IOException e) {
        reason = e instanceof SocketTimeoutException ? "timeout" : "connection";
        detail = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
    throw attempts.fail(
        reason, "gave up after " + attempts.requests() + " attempts; last: " + detail);
  }

  private void sleep(ChunkAttempts attempts) throws ExtractionFailedException {
    Duration wait =
        attempts.retryAfter() != null ? attempts.retryAfter() : retry.backoff(attempts.requests());
    try {
      sleeper.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw attempts.fail("interrupted", "interrupted while waiting to retry");
    }
  }
}
