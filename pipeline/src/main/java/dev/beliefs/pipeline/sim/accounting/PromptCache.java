package dev.beliefs.pipeline.sim.accounting;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * OpenAI's prompt caching, as its guide documents it: a prompt whose first tokens match a prompt
 * processed in the last few minutes has that prefix served from the cache, reported as {@code
 * prompt_tokens_details.cached_tokens} and billed at the cached price. A hit needs a match of at
 * least {@value #MIN_CACHED} tokens, and the cached part is the matching prefix rounded down to a
 * multiple of {@value #BLOCK} tokens.
 *
 * <p>How: a prompt's tokens are cut into blocks of {@value #BLOCK}; block {@code k} is known by a
 * hash of the blocks before it and itself, so two prompts share block {@code k} exactly when their
 * first {@code (k + 1) x 128} tokens are equal. A lookup counts the leading blocks known and not
 * expired; every block of the prompt is then remembered (or refreshed) as of now. An entry expires
 * after {@code ttl} without use: OpenAI keeps prefixes for 5 to 10 minutes of inactivity, so 5
 * minutes by default. Not modelled: a prefix sent more than about 15 times a minute overflowing to
 * machines without the cache; at those rates real hit rates are lower.
 */
public final class PromptCache {

  public static final int BLOCK = 128;
  public static final int MIN_CACHED = 1024;
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  /** Blocks remembered at most, the least recently used forgotten first: about 60 MB. */
  static final int MAX_BLOCKS = 500_000;

  private final long ttlNanos;
  private final int maxBlocks;
  private final LongSupplier nanoClock;
  private final Map<Long, Long> lastUsedNanos =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
          return size() > maxBlocks;
        }
      };

  public PromptCache(Duration ttl) {
    this(ttl, MAX_BLOCKS, System::nanoTime);
  }

  /** With a clock of the test's choosing. */
  PromptCache(Duration ttl, int maxBlocks, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxBlocks = maxBlocks;
    this.nanoClock = nanoClock;
  }

  /** The cached tokens of this prompt; its blocks are remembered for the prompts after it. */
  public synchronized int lookUpAndStore(PromptTokens prompt) {
    long now = nanoClock.getAsLong();
    long[] blocks = blockHashes(prompt.sequence());
    int matched = 0;
    while (matched < blocks.length && fresh(lastUsedNanos.get(blocks[matched]), now)) {
      matched++;
    }
    for (long block : blocks) {
      lastUsedNanos.put(block, now);
    }
    int cached = matched * BLOCK;
    return cached >= MIN_CACHED ? cached : 0;
  }

  public synchronized void clear() {
    lastUsedNanos.clear();
  }

  private boolean fresh(Long lastUsed, long now) {
    return lastUsed != null && now - lastUsed < ttlNanos;
  }

  /** The chained hash of every whole block. */
  static long[] blockHashes(int[] sequence) {
    long[] hashes = new long[sequence.length / BLOCK];
    MessageDigest sha256 = sha256();
    ByteBuffer block = ByteBuffer.allocate(Long.BYTES + BLOCK * Integer.BYTES);
    long previous = 0;
    for (int k = 0; k < hashes.length; k++) {
      block.clear();
      block.putLong(previous);
      for (int i = k * BLOCK; i < (k + 1) * BLOCK; i++) {
        block.putInt(sequence[i]);
      }
      previous = ByteBuffer.wrap(sha256.digest(block.array())).getLong();
      hashes[k] = previous;
    }
    return hashes;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
