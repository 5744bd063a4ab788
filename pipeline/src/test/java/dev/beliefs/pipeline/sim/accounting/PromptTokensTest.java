package dev.beliefs.pipeline.sim.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTokensTest {

  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  private final Tokenizer tokenizer = new Tokenizer();

  @Test
  void eachPartCostsThreeTokensOfFramingPlusLabelAndText_andTheReplyIsPrimedWithThree() {
    String system = "You find the beliefs speakers hold.";
    String user = "[u3] Kay: I think the camera is the best part of it.";

    PromptTokens prompt =
        PromptTokens.of(
            List.of(new PromptTokens.Part("system", system), new PromptTokens.Part("user", user)),
            tokenizer);

    int expected = (3 + count("system") + count(system)) + (3 + count("user") + count(user)) + 3;
    assertEquals(expected, prompt.billed());
    assertEquals(expected - 3, prompt.sequence().length);
  }

  @Test
  void theResponseSchemaIsBilledAsAPartLabelledWithItsName_beforeTheMessages() {
    String schema = "{\"type\":\"object\",\"properties\":{\"beliefs\":{\"type\":\"array\"}}}";
    String user = "[u3] Kay: I think the camera is the best part of it.";
    PromptTokens without = PromptTokens.of(List.of(new PromptTokens.Part("user", user)), tokenizer);

    PromptTokens with =
        PromptTokens.of(
            List.of(new PromptTokens.Part("beliefs", schema), new PromptTokens.Part("user", user)),
            tokenizer);

    assertEquals(without.billed() + 3 + count("beliefs") + count(schema), with.billed());
    int[] schemaIds = O200K.encodeOrdinary(schema).toArray();
    int firstSchemaToken = 1 + count("beliefs") + 1;
    assertEquals(schemaIds[0], with.sequence()[firstSchemaToken]);
  }

  @Test
  void framingNeverEqualsATextToken() {
    PromptTokens prompt =
        PromptTokens.of(List.of(new PromptTokens.Part("user", "hello there")), tokenizer);

    int[] sequence = prompt.sequence();
    assertEquals(-1, sequence[0]);
    assertEquals(-2, sequence[1 + count("user")]);
    assertEquals(-3, sequence[sequence.length - 1]);
  }

  private static int count(String text) {
    return O200K.countTokensOrdinary(text);
  }
}
