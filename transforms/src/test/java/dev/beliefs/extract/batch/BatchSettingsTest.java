package dev.beliefs.extract.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beliefs.extract.cache.ResponseCache;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSettingsTest {

  @TempDir Path temp;

  @Test
  void aBuilderWithoutARecordsDirectory_failsNamingIt() {
    BatchSettings.Builder builder =
        BatchSettings.builder()
            .openAi(BatchFixtures.openAi(null))
            .cache(new ResponseCache(temp.resolve("cache").toString()));

    NullPointerException error = assertThrows(NullPointerException.class, builder::build);

    assertEquals("recordsDirectory is not set", error.getMessage());
  }

  @Test
  void unsetLimitsAreOpenAis_andPollsStartAtASecondUpToAMinute() {
    BatchSettings settings = BatchFixtures.settings(temp, null);

    assertEquals(50_000, settings.maxRequestsPerBatch());
    assertEquals(190_000_000L, settings.maxBytesPerBatch());
    assertEquals(3, settings.maxRounds());
    assertEquals(Duration.ofSeconds(1), settings.firstPoll());
    assertEquals(Duration.ofMinutes(1), settings.maxPoll());
  }

  @Test
  void toBuilder_copiesEveryValue_andWithMethodsLeaveTheOriginalAlone() {
    BatchSettings settings = BatchFixtures.settings(temp, null);

    BatchSettings oneRound = settings.withMaxRounds(1);

    assertEquals(settings, settings.toBuilder().build());
    assertEquals(1, oneRound.maxRounds());
    assertEquals(3, settings.maxRounds());
    assertEquals(settings, oneRound.toBuilder().maxRounds(3).build());
  }

  @Test
  void theBuilderKeepsTheRangeChecks() {
    BatchSettings.Builder builder =
        BatchFixtures.settings(temp, null).toBuilder().maxRequestsPerBatch(50_001);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals("maxRequestsPerBatch must be 1..50000, got 50001", error.getMessage());
  }
}
