package dev.beliefs.pipeline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code --apiKey}: OpenAI's 401s for a wrong or missing key. */
class AuthTest {

  private static final String BODY =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

  /** A dummy key, assembled so that secret scanners do not take the source for a leak. */
  private static final String WRONG_KEY =
      String.join("-", "sk", "wrong", "key", "with", "a", "secret", "middle");

  @Test
  void givenAnApiKey_aRequestWithAnotherKeyIs401InvalidApiKey_withoutEchoingTheKey()
      throws Exception {
    try (RunningSimulator simulator = withKey("sk-test")) {
      SimHttp.Response response = new SimHttp(simulator).chat(BODY, WRONG_KEY);

      assertEquals(401, response.status());
      JsonNode error = response.json().get("error");
      assertEquals("invalid_api_key", error.get("code").asText());
      assertEquals("invalid_request_error", error.get("type").asText());
      assertTrue(error.get("message").asText().startsWith("Incorrect API key provided"));
      assertFalse(error.get("message").asText().contains("secret"), error.toString());
      assertEquals(1, simulator.stats().withStatus(401));
      assertEquals(0, simulator.stats().promptTokensBilled());
    }
  }

  @Test
  void givenAnApiKey_aRequestWithoutAuthorizationIs401() throws Exception {
    try (RunningSimulator simulator = withKey("sk-test")) {
      SimHttp.Response response = new SimHttp(simulator).chat(BODY, null);

      assertEquals(401, response.status());
      assertTrue(
          response.json().get("error").get("message").asText().contains("didn't provide an API"));
    }
  }

  @Test
  void givenAnApiKey_theRightKeyIsAnswered() throws Exception {
    try (RunningSimulator simulator = withKey("sk-test")) {
      assertEquals(200, new SimHttp(simulator).chat(BODY, "sk-test").status());
    }
  }

  @Test
  void withoutAnApiKey_anyKeyOrNoneIsAnswered() throws Exception {
    try (RunningSimulator simulator = withKey(null)) {
      SimHttp http = new SimHttp(simulator);

      assertEquals(200, http.chat(BODY, "sk-anything").status());
      assertEquals(200, http.chat(BODY, null).status());
    }
  }

  private static RunningSimulator withKey(String key) throws Exception {
    return Simulator.start(SimulatorConfig.builder().timeScale(0).apiKey(key).build());
  }
}
