package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beliefs.extract.limits.RateLimitHeaders;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

  @Test
  void durationsAreWrittenAsGoWritesThem() {
    assertEquals("0s", GoDuration.format(Duration.ZERO));
    assertEquals("12ms", GoDuration.format(Duration.ofMillis(12)));
    assertEquals("120ms", GoDuration.format(Duration.ofMillis(120)));
    assertEquals("1s", GoDuration.format(Duration.ofSeconds(1)));
    assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
    assertEquals("17.604s", GoDuration.format(Duration.ofMillis(17_604)));
    assertEquals("6m0s", GoDuration.format(Duration.ofMinutes(6)));
    assertEquals("1m30.25s", GoDuration.format(Duration.ofMillis(90_250)));
    assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
  }

  @Test
  void aFractionOfAMillisecondRoundsUp_soThatWaitingThatLongIsEnough() {
    assertEquals("1ms", GoDuration.format(Duration.ofNanos(1)));
    assertEquals("1.001s", GoDuration.format(Duration.ofNanos(1_000_000_001)));
  }

  @Test
  void theProjectsClientReadsBackEveryDurationWritten() {
    for (long millis = 0; millis < 4_000_000; millis = millis * 3 + 7) {
      String written = GoDuration.format(Duration.ofMillis(millis));

      assertEquals(Duration.ofMillis(millis), RateLimitHeaders.duration(written), written);
    }
  }
}
