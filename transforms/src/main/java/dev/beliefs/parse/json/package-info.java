/**
 * Streaming the JSON that transcription tools write, never holding a file as a tree: the outline
 * that tells the JSON shapes apart ({@link dev.beliefs.parse.json.JsonOutline}), the elements of
 * one array ({@link dev.beliefs.parse.json.JsonArrays}, {@link dev.beliefs.parse.json.JsonPieces})
 * and their fields, with {@code wrong_shape} failures that name the element. Which fields a tool
 * writes is for its format to say.
 */
package dev.beliefs.parse.json;
