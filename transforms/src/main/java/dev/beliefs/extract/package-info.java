/**
 * The extraction step and its outcomes: {@link dev.beliefs.extract.ExtractBeliefs} asks a {@link
 * dev.beliefs.extract.BeliefExtractor} for each chunk's beliefs, grounds and prices them, and turns
 * every answer or failure into a result or a failure record. What asks the model (online, offline,
 * in batches), and how requests are limited, paid for and cached, lives in the sub-packages; this
 * package knows only the {@link dev.beliefs.extract.BeliefExtractorFactory} interface they
 * implement.
 */
package dev.beliefs.extract;
