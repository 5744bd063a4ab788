/**
 * Asking an OpenAI-compatible chat server: the wire client (request body, response, API errors and
 * whether they are worth retrying, the API key from the environment), the {@link
 * dev.beliefs.extract.openai.AnswerVerdict} on an answer that the online and batch modes share, and
 * {@link dev.beliefs.extract.openai.OpenAiExtractor}, the online extractor: it answers from the
 * response cache or asks, retrying as the retry policy says, each request sent within the limits
 * and the budget and accounted for. The policies themselves live in those packages.
 */
package dev.beliefs.extract.openai;
