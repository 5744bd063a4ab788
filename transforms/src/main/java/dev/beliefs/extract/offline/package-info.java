/**
 * The offline extractor: beliefs found by rules in the text itself (stance markers, hedges,
 * negation; the rules are in {@code offline.rules}), free and deterministic. It is the default with
 * no API key and the simulator's model; it knows nothing of HTTP, limits or budgets.
 */
package dev.beliefs.extract.offline;
