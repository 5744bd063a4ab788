package dev.beliefs.pipeline.sim;

import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.time.Duration;

/**
 * The {@code chat.completion} the simulated model writes for one request, and its bill: the same
 * whether the request came online or as a line of a batch.
 *
 * <p>The content is the offline rules' answer ({@link SimulatedModel}); its length is not what a
 * real model writes. The completion is billed and timed at the length {@link AnswerLength} draws
 * for the request, which is never less than the content's own tokens nor more than {@code
 * max_tokens}; the tokens beyond the content are reported as {@code
 * completion_tokens_details.reasoning_tokens}, the API's field for billed completion tokens that
 * are not in the message. So {@code completion_tokens} = tokens of the content + reasoning tokens,
 * exactly, and the service time is that of writing them all.
 *
 * @param body OpenAI's response body
 * @param cachedTokens the part of {@code promptTokens} the prompt cache served
 * @param completionTokens all completion tokens billed, reasoning tokens included
 * @param reasoningTokens the completion tokens not in the content
 * @param serviceTime how long the model takes to write it, scaled
 */
record Completion(
    String body,
    int promptTokens,
    int cachedTokens,
    int completionTokens,
    int reasoningTokens,
    Duration serviceTime) {

  /**
   * The answer, broken as a {@code malformed} or {@code truncated} fault asks (or cut at {@code
   * max_tokens} when the content alone is longer).
   */
  static Completion write(
      ChatRequest request,
      int promptTokens,
      int cachedTokens,
      CallDraw draw,
      String id,
      SimulatorConfig config,
      Tokenizer tokenizer) {
    Fault fault = draw.fault().orElse(null);
    String content = SimulatedModel.answer(request);
    int contentTokens = tokenizer.count(content);
    String finishReason = "stop";
    int completionTokens;
    if (fault == Fault.TRUNCATED || contentTokens > request.maxTokens()) {
      content = SimulatedModel.truncated(content, request.maxTokens(), tokenizer);
      contentTokens = request.maxTokens();
      completionTokens = request.maxTokens();
      finishReason = "length";
    } else {
      if (fault == Fault.MALFORMED) {
        content = SimulatedModel.malformed(content);
        contentTokens = tokenizer.count(content);
      }
      int modelled =
          config.answerLength().draw(request.userWords(), config.seed(), request.answerKey());
      completionTokens = Math.max(contentTokens, Math.min(modelled, request.maxTokens()));
    }
    int reasoningTokens = completionTokens - contentTokens;
    return new Completion(
        ResponseBodies.chatCompletion(
            id,
            System.currentTimeMillis() / 1000,
            request.model(),
            content,
            finishReason,
            new ResponseBodies.Usage(
                promptTokens, cachedTokens, completionTokens, reasoningTokens)),
        promptTokens,
        cachedTokens,
        completionTokens,
        reasoningTokens,
        config
            .latency()
            .serviceTime(promptTokens - cachedTokens, completionTokens, config.timeScale(), draw));
  }
}
