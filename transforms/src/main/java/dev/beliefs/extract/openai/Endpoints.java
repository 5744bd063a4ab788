package dev.beliefs.extract.openai;

import com.google.api.client.http.GenericUrl;

/** The URLs of an OpenAI-compatible server's endpoints, for the chat client and the Batch API. */
public final class Endpoints {

  private Endpoints() {}

  /**
   * {@code path} on the server at {@code baseUrl}, whether or not the base URL ends with slashes.
   *
   * @param baseUrl for example {@code https://api.openai.com/v1}
   * @param path from a slash, for example {@code /chat/completions}
   */
  public static GenericUrl of(String baseUrl, String path) {
    return new GenericUrl(baseUrl.replaceAll("/+$", "") + path);
  }
}
