package dev.beliefs.extract.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void prefix_isTheTextOfTheFirstTokensOnly() {
    String text = "The International Space Station orbits about 250 miles above the Earth.";

    String prefix = Tokens.prefix(text, 5);

    assertTrue(text.startsWith(prefix), prefix);
    assertTrue(prefix.length() < text.length(), prefix);
    assertEquals(5, Tokens.count(prefix));
    assertEquals(text, Tokens.prefix(text, 1000));
  }
}
