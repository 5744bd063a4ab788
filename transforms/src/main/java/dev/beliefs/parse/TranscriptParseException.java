package dev.beliefs.parse;

/**
 * A transcript that cannot be read. {@code reason} is a short stable word for the failure record;
 * the message says what is wrong and what to do about it.
 */
public class TranscriptParseException extends Exception {

  private final String reason;

  public TranscriptParseException(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
