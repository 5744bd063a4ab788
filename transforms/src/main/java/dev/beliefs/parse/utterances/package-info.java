/**
 * Pieces of speech (caption cues, segments, paragraphs, words) into utterances: speaker turns when
 * a file names two speakers or more, else sentences ({@link
 * dev.beliefs.parse.utterances.SpeechPieces#utterances}), none longer than a chunk can hold ({@link
 * dev.beliefs.parse.utterances.LongUtterances}). It knows nothing of how a format found its pieces.
 */
package dev.beliefs.parse.utterances;
