package dev.beliefs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobSettingsTest {

  @Test
  void aBuilderWithoutWorkers_failsNamingThem() throws Exception {
    JobSettings.Builder builder = offlineSettings().toBuilder().workers(null);

    NullPointerException error = assertThrows(NullPointerException.class, builder::build);

    assertEquals("workers is not set", error.getMessage());
  }

  @Test
  void toBuilder_copiesEveryValue_andAChangedCopyLeavesTheOriginalAlone() throws Exception {
    JobSettings settings = offlineSettings();

    JobSettings incremental = settings.toBuilder().incremental(true).build();

    assertEquals(settings, settings.toBuilder().build());
    assertTrue(incremental.incremental());
    assertFalse(settings.incremental());
    assertEquals(settings, incremental.toBuilder().incremental(false).build());
  }

  private static JobSettings offlineSettings() throws ConfigurationException {
    return JobSettings.from(TestOptions.parse("--input=in/*", "--output=out"), () -> null);
  }
}
