/**
 * Extraction through OpenAI's Batch API: {@link dev.beliefs.extract.batch.ExtractBeliefsInBatches}
 * answers from the response cache and runs the rest as a {@link
 * dev.beliefs.extract.batch.BatchJob}, whose rounds resume recorded batches, submit, poll and
 * collect, each in a class of its own. Answers are judged by the online mode's {@link
 * dev.beliefs.extract.openai.AnswerVerdict} and paid from the same {@link
 * dev.beliefs.extract.budget.Budget}; the HTTP transport is the chat client's.
 */
package dev.beliefs.extract.batch;
