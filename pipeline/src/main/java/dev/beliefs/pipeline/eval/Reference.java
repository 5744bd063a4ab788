package dev.beliefs.pipeline.eval;

/**
 * One reference belief of a gold file ({@code GUIDELINES.md} beside it says how they are made).
 *
 * @param core whether its importance is {@code core} (else {@code minor})
 * @param line where it is in its file, counted from 1, for messages
 */
record Reference(
    String transcriptId,
    String speaker,
    String quote,
    String statement,
    String stance,
    boolean core,
    int line) {}
