/**
 * Reading transcript files into transcripts: {@link dev.beliefs.parse.MatchTranscripts} lists the
 * input's files, one per transcript id, and {@link dev.beliefs.parse.ParseTranscripts} reads each
 * with the {@link dev.beliefs.parse.TranscriptParser}, which decodes it, asks the {@link
 * dev.beliefs.parse.TranscriptFormats} which {@link dev.beliefs.parse.TranscriptFormat} reads it
 * and checks the utterances it gives. A file that cannot be read becomes a failure record with the
 * reason of its {@link dev.beliefs.parse.TranscriptParseException}. The formats and the text
 * handling they share live in the sub-packages.
 */
package dev.beliefs.parse;
