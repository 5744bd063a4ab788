package dev.beliefs.pipeline.sim;

import dev.beliefs.extract.offline.OfflineBeliefRules;
import dev.beliefs.extract.prompt.BeliefAnswer;
import dev.beliefs.extract.prompt.ModelBelief;
import dev.beliefs.model.Chunk;
import dev.beliefs.pipeline.sim.accounting.Tokenizer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The simulator's "model": the offline extractor. It reads the {@code [u12] Speaker: text} lines of
 * the user messages back into utterances, finds their beliefs with {@link OfflineBeliefRules}, and
 * writes them as the belief schema's JSON when the request asks for JSON (otherwise one line per
 * belief). It also writes the broken answers that faults call for.
 */
final class SimulatedModel {

  private SimulatedModel() {}

  static String answer(ChatRequest request) {
    List<ModelBelief> beliefs = OfflineBeliefRules.find(Chunk.parseRendered(request.userText()));
    if (request.jsonAnswer()) {
      return BeliefAnswer.write(beliefs);
    }
    if (beliefs.isEmpty()) {
      return "I found no beliefs stated in this text.";
    }
    return beliefs.stream()
        .map(b -> b.speaker() + " " + b.stance() + ": " + b.statement())
        .collect(Collectors.joining("\n"));
  }

  /**
   * The answer in a Markdown code fence, as models without strict structured outputs often write
   * it: not valid JSON.
   */
  static String malformed(String answer) {
    return "```json\n" + answer + "\n```";
  }

  /**
   * The first {@code maxTokens} tokens of an answer that never ends: the answer without its closing
   * brackets, then an endless {@code " ..."}, so the cut is always at {@code maxTokens}, and a JSON
   * answer is left unterminated.
   */
  static String truncated(String answer, int maxTokens, Tokenizer tokenizer) {
    String open = answer.endsWith("]}") ? answer.substring(0, answer.length() - 2) : answer;
    return tokenizer.prefix(open + " ...".repeat(maxTokens), maxTokens);
  }
}
