/**
 * Whether a belief's evidence is really in the transcript and can show it, and whether the cited
 * words address an AI system with instructions. Every mode's beliefs pass through {@link
 * dev.beliefs.extract.grounding.Grounding} before they are kept; it knows nothing of how they were
 * obtained.
 */
package dev.beliefs.extract.grounding;
