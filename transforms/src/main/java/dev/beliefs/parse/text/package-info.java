/**
 * Plain-text layout that the text formats share: lines and paragraphs, headings, notes and sounds
 * that are not speech, speaker-label candidates and which of them a file's labels are, the shapes
 * of names, and turns that open with a header line. It reads decoded text only; which format is
 * asked is not its business.
 */
package dev.beliefs.parse.text;
