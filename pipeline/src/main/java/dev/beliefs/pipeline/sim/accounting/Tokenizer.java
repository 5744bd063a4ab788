package dev.beliefs.pipeline.sim.accounting;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * o200k_base, the tokenizer of gpt-4o, gpt-4o-mini and gpt-4.1, through jtokkit. The token ids of
 * the last few distinct texts are kept, since every request repeats the same system prompt and
 * schema.
 */
public final class Tokenizer {

  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private static final int RECENT_TEXTS = 32;

  private final Map<String, int[]> recent =
      new LinkedHashMap<>(RECENT_TEXTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
          return size() > RECENT_TEXTS;
        }
      };

  /** The token ids of {@code text}; the returned array must not be changed. */
  public int[] encode(String text) {
    synchronized (recent) {
      int[] ids = recent.get(text);
      if (ids != null) {
        return ids;
      }
    }
    int[] ids = O200K.encodeOrdinary(text).toArray();
    synchronized (recent) {
      recent.put(text, ids);
    }
    return ids;
  }

  public int count(String text) {
    return encode(text).length;
  }

  /** The text of the first {@code maxTokens} tokens of {@code text}. */
  public String prefix(String text, int maxTokens) {
    return O200K.decode(O200K.encodeOrdinary(text, maxTokens).getTokens());
  }
}
