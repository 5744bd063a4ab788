package dev.beliefs.extract.prompt;

/** A belief as the model (or the offline extractor) states it, before grounding. */
public record ModelBelief(
    String speaker,
    String statement,
    String stance,
    double confidence,
    String topic,
    String evidenceQuote,
    int utteranceIndex) {}
