package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.model.Usage;
import org.junit.jupiter.api.Test;

class AnswerVerdictTest {

  private static ChatResponse answer(String content, String finishReason, String refusal) {
    return new ChatResponse(
        content,
        finishReason,
        refusal,
        new Usage(100, 0, 20),
        "gpt-4o-mini",
        RateLimitHeaders.NONE);
  }

  @Test
  void beliefsOfTheSchemaAreAccepted() {
    assertEquals(
        new AnswerVerdict.Accepted(TeachersChunk.BELIEFS),
        AnswerVerdict.of(answer(TeachersChunk.ANSWER, "stop", null), 1500, false));
  }

  @Test
  void aRefusalFailsTheChunk() {
    assertEquals(
        new AnswerVerdict.Fail("refused", "the model refused: I cannot help with that."),
        AnswerVerdict.of(answer(null, "stop", "I cannot help with that."), 1500, false));
  }

  @Test
  void anAnswerCutOffIsAskedAgainWithTwiceTheTokens_thenFails() {
    ChatResponse cut = answer("{\"beliefs\": [", "length", null);
    assertEquals(
        new AnswerVerdict.Retry("truncated", "the answer was cut off at max_tokens", true),
        AnswerVerdict.of(cut, 1500, false));
    assertEquals(
        new AnswerVerdict.Fail(
            "truncated",
            "the answer was cut off at max_tokens=3000 twice; use a smaller level for this"
                + " transcript or raise --maxTokens"),
        AnswerVerdict.of(cut, 3000, true));
  }

  @Test
  void anAnswerNotOfTheSchemaIsAskedAgainWithTheSameTokens() {
    AnswerVerdict verdict = AnswerVerdict.of(answer("not json", "stop", null), 1500, false);
    assertEquals(AnswerVerdict.Retry.class, verdict.getClass());
    assertEquals("malformed_answer", ((AnswerVerdict.Retry) verdict).reason());
    assertFalse(((AnswerVerdict.Retry) verdict).enlarge());
  }
}
