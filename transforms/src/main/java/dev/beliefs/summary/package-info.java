/**
 * The run's summary, {@code run-summary.json}: what every step's outputs add up to. It reads the
 * outputs of the other steps; none of them knows it.
 */
package dev.beliefs.summary;
