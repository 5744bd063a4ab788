/**
 * The simulator's own accounting of a chat request, as OpenAI documents its API: the prompt tokens
 * it bills ({@link PromptTokens}), the part of them its prompt cache serves ({@link PromptCache}),
 * and what the request takes from the tokens-per-minute limit ({@link RateLimitCharge}).
 *
 * <p>Nothing here may use the job's code ({@code dev.beliefs.extract.prompt.Tokens}, {@code
 * ExtractionPrompt}, pricing, limits): the simulator stands for the API the job is measured
 * against, so it must not share the job's assumptions.
 */
package dev.beliefs.pipeline.sim.accounting;
