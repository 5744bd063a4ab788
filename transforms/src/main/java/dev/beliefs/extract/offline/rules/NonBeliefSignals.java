package dev.beliefs.extract.offline.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Words of what is not a belief (wishes, greetings and procedure, questions to the listener, talk
 * about oneself), each with the (negative) weight it adds to a sentence's score.
 */
final class NonBeliefSignals {

  /** What the speaker wants or is about to do: "I want", "let me". */
  static final Signal OWN_WISHES =
      Signal.words(
          -1.5,
          "I want",
          "I wanted",
          "I'd like",
          "to be honest",
          "I'm excited to",
          "let me",
          "I'll just");

  /** Greetings, thanks and the show's own procedure: "welcome", "talk about", "episode". */
  static final Signal GREETING_OR_PROCEDURE =
      Signal.words(
          -1.5,
          "thank you",
          "thanks",
          "welcome",
          "let's",
          "tell me",
          "talk about",
          "hello",
          "hi",
          "bye",
          "okay",
          "alright",
          "go ahead",
          "question",
          "podcast",
          "episode",
          "check out",
          "website",
          "follow us",
          "listen");

  /** A question or filler aimed at the listener: "do you", "you know". */
  static final Signal QUESTION_TO_LISTENER =
      Signal.words(
          -1.0,
          "you know",
          "you mean",
          "do you",
          "did you",
          "can you",
          "could you",
          "would you",
          "are you",
          "have you");

  /** Talk about oneself, except the stance markers ("I think", "I believe"). */
  static final Signal FIRST_PERSON =
      new Signal(
          Pattern.compile(
              "\\b(?:I(?! (?:think|believe|feel|guess|suppose|doubt|don't think)\\b)|me|my|I'm|I've"
                  + "|I'd|I'll|myself)\\b"),
          -0.3);

  /** In the order the score adds them up. */
  static final List<Signal> ALL =
      List.of(OWN_WISHES, GREETING_OR_PROCEDURE, QUESTION_TO_LISTENER, FIRST_PERSON);

  private NonBeliefSignals() {}
}
