package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.chunk.ChunkPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptReadingTest {

  @Test
  void theLevelsAreWindowSizes_andCheapModeSkipsSmallerChunks() throws ConfigurationException {
    assertEquals(new ChunkPlan(List.of(1, 5), 8), TranscriptReading.chunkPlan(options()));
    assertEquals(
        new ChunkPlan(List.of(1, 5, 15), 20),
        TranscriptReading.chunkPlan(options("--levels=1, 5,15", "--cheapMode=true")));
    assertEquals(
        new ChunkPlan(List.of(5), 3),
        TranscriptReading.chunkPlan(options("--levels=5", "--minChunkWords=3")));
  }

  @Test
  void aLevelThatIsNotANumber_isNamed() {
    ConfigurationException e =
        assertThrows(
            ConfigurationException.class,
            () -> TranscriptReading.chunkPlan(options("--levels=1,five")));

    assertEquals(
        "--levels must be window sizes such as 1,5,15; 'five' is not a number", e.getMessage());
  }

  @Test
  void aBucketIsReadIncrementallyUnlessTold_andALocalFolderIsNot() {
    assertTrue(TranscriptReading.incremental(options("--input=s3://bucket/in/*")));
    assertTrue(TranscriptReading.incremental(options("--input=gs://bucket/in/*")));
    assertFalse(
        TranscriptReading.incremental(options("--input=s3://bucket/in/*", "--incremental=false")));
    assertFalse(TranscriptReading.incremental(options("--input=in/*")));
    assertTrue(TranscriptReading.incremental(options("--input=in/*", "--incremental=true")));
  }

  private static BeliefOptions options(String... args) {
    return TestOptions.parse(args);
  }
}
