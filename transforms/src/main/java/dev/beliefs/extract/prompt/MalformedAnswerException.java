package dev.beliefs.extract.prompt;

/** The model's answer is not JSON of the belief schema. Worth a retry: the next answer may be. */
public class MalformedAnswerException extends Exception {

  public MalformedAnswerException(String message) {
    super(message);
  }
}
