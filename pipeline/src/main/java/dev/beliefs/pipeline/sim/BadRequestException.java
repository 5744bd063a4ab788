package dev.beliefs.pipeline.sim;

/** A request the simulator refuses, as OpenAI would, with the error to send back. */
final class BadRequestException extends Exception {

  private final OpenAiError error;

  BadRequestException(OpenAiError error) {
    super(error.message());
    this.error = error;
  }

  OpenAiError error() {
    return error;
  }
}
