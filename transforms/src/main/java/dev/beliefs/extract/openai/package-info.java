/**
 * Asking an OpenAI-compatible chat server: the wire client (request body, response, API errors and
 * whether they are worth retrying, the API key from the environment), the {@link
 * dev.beliefs.extract.openai.AnswerVerdict} on an answer that the online and batch modes share, and
 * {@link dev.beliefs.extract.openai.OpenAiExtractor}, the online extractor that puts the client
 * behind the limits, the budget and the response cache. The policies themselves live in those
 * packages.
 */
package dev.beliefs.extract.openai;
