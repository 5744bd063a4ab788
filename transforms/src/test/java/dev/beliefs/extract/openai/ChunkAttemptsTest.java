package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.ExtractionFailedException;
import dev.beliefs.extract.LostRequests;
import dev.beliefs.extract.cache.InFlightNotes;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkAttemptsTest {

  private static final Chunk CHUNK = TeachersChunk.CHUNK;

  @TempDir Path notesDir;

  @Test
  void anEarlierAttemptLostWithItsWorker_addsWhatItSentAndWasBilled_andItsLastRequestIsLost() {
    ChunkAttempts attempts = ChunkAttempts.unnoted();
    attempts.lostEarlier(
        new InFlightNotes.Asking(
            "run-1",
            CHUNK.id(),
            new Usage(1000, 0, 5),
            2,
            1,
            LostRequests.one(900, 800),
            900,
            1600));

    attempts.sending(CHUNK, 900, 800);
    attempts.billed(new Usage(1500, 1024, 60));
    Extraction answer = attempts.answer(TeachersChunk.BELIEFS);

    assertEquals(1, attempts.requests());
    assertEquals(3, answer.requests());
    assertEquals(1, answer.rateLimited());
    assertEquals(new Usage(2500, 1024, 65), answer.usage());
    assertEquals(new LostRequests(2, new Usage(1800, 0, 2400)), answer.lost());
  }

  @Test
  void eachRequestIsNotedBeforeItIsSent_withWhatTheAttemptsTookSoFar() {
    InFlightNotes notes = new InFlightNotes(notesDir.toString(), "run-1");
    ChunkAttempts attempts = ChunkAttempts.notedIn(notes, "key");
    attempts.sending(CHUNK, 900, 800);
    attempts.billed(new Usage(1000, 0, 5));
    attempts.rateLimited(Duration.ofSeconds(2));

    attempts.sending(CHUNK, 900, 1600);

    assertEquals(
        Optional.of(
            new InFlightNotes.Asking(
                "run-1", CHUNK.id(), new Usage(1000, 0, 5), 2, 1, LostRequests.NONE, 900, 1600)),
        notes.unanswered("key", CHUNK.id()));
    assertNull(attempts.retryAfter(), "a wait applies to the next request only");
  }

  @Test
  void aFailureCarriesWhatTheAttemptsTook() {
    ChunkAttempts attempts = ChunkAttempts.unnoted();
    attempts.cacheCorrupt();
    attempts.sending(CHUNK, 900, 800);
    attempts.lost(900, 800);

    ExtractionFailedException failure =
        attempts.fail("timeout", "SocketTimeoutException: Read timed out");

    assertEquals("timeout", failure.reason());
    assertEquals("SocketTimeoutException: Read timed out", failure.getMessage());
    assertEquals(1, failure.requests());
    assertTrue(failure.cacheCorrupt());
    assertEquals(LostRequests.one(900, 800), failure.lost());
  }
}
