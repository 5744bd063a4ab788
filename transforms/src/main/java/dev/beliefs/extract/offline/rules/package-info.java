/**
 * The offline extractor's rules: which sentences state a view ({@link
 * dev.beliefs.extract.offline.rules.SentenceSignals}, from the word tables of {@link
 * dev.beliefs.extract.offline.rules.BeliefSignals} and {@link
 * dev.beliefs.extract.offline.rules.NonBeliefSignals}), with what stance and confidence ({@link
 * dev.beliefs.extract.offline.rules.StanceMarkers}), and how a sentence becomes a standalone
 * statement ({@link dev.beliefs.extract.offline.rules.StatementText}). Plain text in, plain values
 * out: no Beam, no model types.
 */
package dev.beliefs.extract.offline.rules;
