package dev.beliefs.pipeline.sim;

import dev.beliefs.extract.Tokens;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code chat.completion} the simulated model writes for one request, and its bill: the same
 * whether the request came online or as a line of a batch.
 *
 * @param body OpenAI's response body
 * @param serviceTime how long the model takes to write it, scaled
 */
record Completion(String body, int promptTokens, int completionTokens, Duration serviceTime) {

  /**
   * The answer, broken as a {@code malformed} or {@code truncated} fault asks (or cut at {@code
   * max_tokens} when it is longer).
   */
  static Completion write(
      ChatRequest request,
      int promptTokens,
      @Nullable Fault fault,
      String id,
      SimulatorConfig config) {
    String content = SimulatedModel.answer(request);
    int completionTokens = Tokens.count(content);
    String finishReason = "stop";
    if (fault == Fault.TRUNCATED || completionTokens > request.maxTokens()) {
      content = SimulatedModel.truncated(content, request.maxTokens());
      completionTokens = request.maxTokens();
      finishReason = "length";
    } else if (fault == Fault.MALFORMED) {
      content = SimulatedModel.malformed(content);
      completionTokens = Tokens.count(content);
    }
    return new Completion(
        ResponseBodies.chatCompletion(
            id,
            System.currentTimeMillis() / 1000,
            request.model(),
            content,
            finishReason,
            promptTokens,
            completionTokens),
        promptTokens,
        completionTokens,
        config.latency().serviceTime(promptTokens, completionTokens, config.timeScale()));
  }
}
