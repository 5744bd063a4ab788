package dev.beliefs.extract.batch;

import static dev.beliefs.extract.batch.BatchFixtures.MODEL;
import static dev.beliefs.extract.batch.BatchFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beliefs.extract.limits.RateLimitHeaders;
import dev.beliefs.extract.openai.ApiErrorException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating a record's batch once, with retries that wait and look for it first. */
class BatchCreatorTest {

  @TempDir Path temp;

  private final ScriptedBatchApi api = new ScriptedBatchApi();
  private final List<Long> sleeps = new ArrayList<>();

  @Test
  void aCreateThatKeepsTimingOut_isTriedFiveTimes_thenLeftForARerun() throws Exception {
    api.createFails = new SocketTimeoutException("Read timed out");
    BatchRecord record = record();
    records().save(record);

    IOException e = assertThrows(IOException.class, () -> creator().create(record));

    assertEquals(
        "cannot create a batch from file-0 (record r1, a rerun tries again): Read timed out",
        e.getMessage());
    assertEquals(5, api.creates);
    assertEquals(List.of(1_000L, 2_000L, 4_000L, 4_000L), sleeps);
    assertEquals(List.of(record), records().open(), "the record stays, without a batch id");
  }

  @Test
  void aCreateTheServerRefuses_isNotTriedAgain() {
    api.createFails =
        new ApiErrorException(400, "Bad input file", null, null, RateLimitHeaders.NONE);

    ApiErrorException e = assertThrows(ApiErrorException.class, () -> creator().create(record()));

    assertEquals(400, e.status());
    assertEquals(1, api.creates);
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aCreatedBatch_isNotedInItsRecord_andCounted() throws Exception {
    BatchCreator creator = creator();

    BatchStatus status = creator.create(record());

    assertEquals("batch-0", status.id());
    assertEquals("batch-0", records().open().get(0).batchId());
    assertEquals(1, creator.created());
  }

  @Test
  void aRecordWithoutABatch_thatNoRequestNeeds_getsNone() throws Exception {
    BatchCreator creator = creator();

    assertNull(creator.existing(record(), false));
    assertEquals(0, api.creates);
  }

  private BatchCreator creator() {
    BatchSettings settings =
        settings(temp, null).withPolling(Duration.ofSeconds(1), Duration.ofSeconds(4));
    return new BatchCreator(settings, api, records(), sleeps::add);
  }

  private BatchRecords records() {
    return new BatchRecords(temp.resolve("batches").toString());
  }

  private static BatchRecord record() {
    return new BatchRecord("r1", Instant.now().toString(), 1, MODEL, "file-0", null, List.of());
  }
}
