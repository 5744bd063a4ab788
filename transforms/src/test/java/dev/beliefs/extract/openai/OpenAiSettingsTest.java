package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

  private final OpenAiSettings settings =
      TeachersChunk.settings("http://127.0.0.1:9/v1", 3, "settings-test");

  @Test
  void aBuilderWithoutABaseUrl_failsNamingIt() {
    OpenAiSettings.Builder builder = settings.toBuilder().baseUrl(null);

    NullPointerException error = assertThrows(NullPointerException.class, builder::build);

    assertEquals("baseUrl is not set", error.getMessage());
  }

  @Test
  void toBuilder_copiesEveryValue_andAChangedCopyLeavesTheOriginalAlone() {
    OpenAiSettings slower = settings.toBuilder().readTimeout(Duration.ofSeconds(9)).build();

    assertEquals(settings, settings.toBuilder().build());
    assertEquals(Duration.ofSeconds(9), slower.readTimeout());
    assertEquals(Duration.ofSeconds(5), settings.readTimeout());
    assertEquals(settings, slower.toBuilder().readTimeout(settings.readTimeout()).build());
  }

  @Test
  void builtSettings_surviveJavaSerialization_asInsideADoFn() {
    OpenAiSettings copy = SerializableUtils.clone(settings);

    assertEquals("sk-test-dummy", copy.apiKeySource().apiKey());
    // The key source is a lambda, equal only to itself.
    assertEquals(settings, copy.toBuilder().apiKeySource(settings.apiKeySource()).build());
  }
}
