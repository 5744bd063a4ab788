/**
 * One class per transcript file format, each a {@link dev.beliefs.parse.TranscriptFormat}: how it
 * recognises a file and reads its utterances. Adding a format means one class here, listed in
 * {@link dev.beliefs.parse.TranscriptFormats}; the text, caption and JSON handling that several
 * formats share lives in the sibling packages.
 */
package dev.beliefs.parse.formats;
