package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.extract.limits.RateLimitHeaders;
import org.junit.jupiter.api.Test;

/** Which errors are worth another try, and which say that every request would be refused. */
class ApiErrorExceptionTest {

  private static ApiErrorException error(int status, String type, String code) {
    return ApiErrorException.fromBody(
        status,
        "{\"error\": {\"message\": \"m\", \"type\": \"" + type + "\", \"code\": \"" + code + "\"}}",
        RateLimitHeaders.NONE);
  }

  @Test
  void aRateLimit_isRetried_andRefusesNothingElse() {
    ApiErrorException limited = error(429, "requests", "rate_limit_exceeded");

    assertTrue(limited.isRetryable());
    assertFalse(limited.refusesEveryRequest());
    assertEquals("rate_limited", limited.reason());
  }

  @Test
  void noCreditLeft_isNotRetried_andRefusesEveryRequest() {
    ApiErrorException noCredit = error(429, "insufficient_quota", "insufficient_quota");

    assertTrue(noCredit.isInsufficientQuota());
    assertFalse(noCredit.isRetryable());
    assertTrue(noCredit.refusesEveryRequest());
    assertEquals("insufficient_quota", noCredit.reason());
  }

  @Test
  void aKeyRefused_aModelForbiddenOrMissing_refuseEveryRequest_aBadRequestDoesNot() {
    assertTrue(error(401, "invalid_request_error", "invalid_api_key").refusesEveryRequest());
    assertTrue(error(403, "invalid_request_error", "unsupported_country").refusesEveryRequest());
    assertTrue(error(404, "invalid_request_error", "model_not_found").refusesEveryRequest());
    assertFalse(error(400, "invalid_request_error", "context_length").refusesEveryRequest());
    assertFalse(error(500, "server_error", "internal").refusesEveryRequest());
    assertEquals("http_401", error(401, "invalid_request_error", "invalid_api_key").reason());
  }
}
