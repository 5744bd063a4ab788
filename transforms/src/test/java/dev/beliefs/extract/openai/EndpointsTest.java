package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EndpointsTest {

  @Test
  void trailingSlashesOfTheBaseUrlDoNotDoubleTheEndpointsSlash() {
    String expected = "http://127.0.0.1:8080/v1/chat/completions";
    assertEquals(expected, Endpoints.of("http://127.0.0.1:8080/v1", "/chat/completions").build());
    assertEquals(expected, Endpoints.of("http://127.0.0.1:8080/v1/", "/chat/completions").build());
    assertEquals(expected, Endpoints.of("http://127.0.0.1:8080/v1//", "/chat/completions").build());
  }
}
