package dev.beliefs.extract.offline;

import dev.beliefs.extract.BeliefExtractor;
import dev.beliefs.extract.BeliefExtractorFactory;
import dev.beliefs.extract.Extraction;
import dev.beliefs.extract.limits.Share;
import dev.beliefs.model.Chunk;
import dev.beliefs.model.Usage;

/**
 * The extractor used when there is no API key and no {@code --baseUrl}: {@link OfflineBeliefRules}
 * on the chunk's utterances. No request, no tokens, no cost.
 */
public final class OfflineExtractor implements BeliefExtractor {

  public static final String MODEL = "offline-rules";

  public static BeliefExtractorFactory factory() {
    return new Factory();
  }

  @Override
  public Extraction extract(Chunk chunk) {
    long start = System.nanoTime();
    return new Extraction(
        OfflineBeliefRules.find(chunk.utterances()),
        Usage.NONE,
        0,
        0,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static final class Factory implements BeliefExtractorFactory {
    @Override
    public BeliefExtractor create(Share share) {
      return new OfflineExtractor();
    }

    @Override
    public String model() {
      return MODEL;
    }
  }
}
