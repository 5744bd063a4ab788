/**
 * A transcript file's bytes to text: {@link dev.beliefs.parse.encoding.TranscriptContent} reads a
 * file within its size limit and keeps the SHA-256 of its bytes, and {@link
 * dev.beliefs.parse.encoding.TranscriptText} decodes UTF-8, or UTF-16 with a byte-order mark,
 * strictly, failing binary and mis-encoded files, with LF line ends. It knows nothing of formats.
 */
package dev.beliefs.parse.encoding;
