package dev.beliefs.extract.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.chunk.ChunkPlan;
import dev.beliefs.chunk.PromptSizer;
import dev.beliefs.json.Json;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Transcript;
import dev.beliefs.model.Utterance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prompt sizer counts what changes from chunk to chunk, and the unchanging system prompt and
 * schema once: cutting a transcript costs the same per chunk whatever the system prompt's length.
 */
class ExtractionPromptSizerTest {

  private static final String SCHEMA = Json.line(ExtractionPrompt.schema());

  @Test
  void cuttingATranscript_countsTheSystemPromptOnce_andEachChunkOnce() {
    List<String> counted = new ArrayList<>();
    PromptSizer sizer =
        ExtractionPrompt.sizer(
            text -> {
              counted.add(text);
              return Tokens.count(text);
            });

    List<Chunk> chunks = new ChunkPlan(List.of(1, 5), 0).cut(transcript(300), sizer).kept();

    assertEquals(300 + 60, chunks.size());
    assertEquals(1, counted.stream().filter(ExtractionPrompt.system()::equals).count());
    assertEquals(1, counted.stream().filter(SCHEMA::equals).count());
    assertEquals(chunks.size() + 2, counted.size());
    List<String> perChunk = counted.subList(2, counted.size());
    assertEquals(chunks.stream().map(ExtractionPrompt::user).toList(), perChunk);
  }

  @Test
  void theCountIsThatOfTheWholeRequest() {
    PromptSizer sizer = ExtractionPrompt.sizer();
    for (Chunk chunk : new ChunkPlan(List.of(1, 5), 0).cut(transcript(12), sizer).kept()) {
      assertEquals(
          Tokens.chatPrompt(
              List.of(ExtractionPrompt.system(), ExtractionPrompt.user(chunk)), SCHEMA),
          chunk.estimatedPromptTokens(),
          chunk.id());
    }
  }

  private static Transcript transcript(int utterances) {
    List<Utterance> list = new ArrayList<>();
    for (int i = 0; i < utterances; i++) {
      list.add(
          new Utterance(i, "S" + (i % 2), null, null, "I think turn " + i + " is the best one."));
    }
    return new Transcript("t", "file:/t.txt", "sha", "text", list);
  }
}
