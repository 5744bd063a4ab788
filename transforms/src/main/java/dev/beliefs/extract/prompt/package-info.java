/**
 * What the model is asked and what answer is accepted: the versioned system prompt and JSON schema,
 * their token counts, and the parsing of an answer into {@link
 * dev.beliefs.extract.prompt.ModelBelief} values. No HTTP, no Beam: the online, batch and offline
 * modes and the estimate all read it.
 */
package dev.beliefs.extract.prompt;
