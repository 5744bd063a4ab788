package dev.beliefs.pipeline.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beliefs.json.Json;
import java.time.Duration;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An error as OpenAI sends it: an HTTP status and {@code {"error": {"message", "type", "param",
 * "code"}}}, with the messages and codes the real API uses, so that clients and SDKs classify them
 * as they would the real ones.
 */
record OpenAiError(
    int status, String message, String type, @Nullable String param, @Nullable String code) {

  static final String ORGANIZATION = "org-simulator";
  private static final String INVALID_REQUEST = "invalid_request_error";
  private static final String RATE_LIMITS_PAGE =
      "Visit https://platform.openai.com/account/rate-limits to learn more.";

  String body() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Json.line(root);
  }

  static OpenAiError badRequest(String message, @Nullable String param, @Nullable String code) {
    return new OpenAiError(400, message, INVALID_REQUEST, param, code);
  }

  static OpenAiError notJson() {
    return badRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
            + " using your HTTP library correctly. The OpenAI API expects a JSON payload, but what"
            + " was sent was not valid JSON.)",
        null,
        null);
  }

  static OpenAiError missingApiKey() {
    return new OpenAiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization"
            + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        INVALID_REQUEST,
        null,
        null);
  }

  static OpenAiError invalidApiKey(String key) {
    return new OpenAiError(
        401,
        "Incorrect API key provided: "
            + redact(key)
            + ". You can find your API key at https://platform.openai.com/account/api-keys.",
        INVALID_REQUEST,
        null,
        "invalid_api_key");
  }

  static OpenAiError invalidUrl(String method, String path) {
    return new OpenAiError(
        404, "Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, null);
  }

  static OpenAiError modelNotFound(String model) {
    return new OpenAiError(
        404,
        "The model `" + model + "` does not exist or you do not have access to it.",
        INVALID_REQUEST,
        null,
        "model_not_found");
  }

  /** A refusal by the rate limiter, worded as OpenAI words it. */
  static OpenAiError rateLimited(String model, Admission refusal, long requested) {
    RateLimitState state = refusal.state();
    boolean tokens = "tokens".equals(refusal.exceeded());
    String per = tokens ? "tokens per min (TPM)" : "requests per min (RPM)";
    long limit = tokens ? state.limitTokens() : state.limitRequests();
    long used = limit - (tokens ? state.remainingTokens() : state.remainingRequests());
    String message =
        refusal.tooLarge()
            ? "Request too large for "
                + model
                + " in organization "
                + ORGANIZATION
                + " on "
                + per
                + ": Limit "
                + limit
                + ", Requested "
                + requested
                + ". The input or output tokens must be reduced in order to run successfully. "
                + RATE_LIMITS_PAGE
            : "Rate limit reached for "
                + model
                + " in organization "
                + ORGANIZATION
                + " on "
                + per
                + ": Limit "
                + limit
                + ", Used "
                + used
                + ", Requested "
                + (tokens ? requested : 1)
                + ". Please try again in "
                + GoDuration.format(refusal.retryAfter())
                + ". "
                + RATE_LIMITS_PAGE;
    return new OpenAiError(
        429, message, tokens ? "tokens" : "requests", null, "rate_limit_exceeded");
  }

  /** An injected 429: a request limit that, in truth, no request reached. */
  static OpenAiError injectedRateLimit(String model, Duration retryAfter) {
    return new OpenAiError(
        429,
        "Rate limit reached for "
            + model
            + " in organization "
            + ORGANIZATION
            + " on requests per min (RPM) (injected by the simulator). Please try again in "
            + GoDuration.format(retryAfter)
            + ". "
            + RATE_LIMITS_PAGE,
        "requests",
        null,
        "rate_limit_exceeded");
  }

  static OpenAiError serverError() {
    return new OpenAiError(
        500,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        null,
        null);
  }

  static OpenAiError overloaded() {
    return new OpenAiError(
        503,
        "The engine is currently overloaded, please try again later.",
        "server_error",
        null,
        null);
  }

  /** Like OpenAI, shows only the key's first and last characters. */
  private static String redact(String key) {
    if (key.length() <= 8) {
      return "*".repeat(key.length());
    }
    return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
  }
}
