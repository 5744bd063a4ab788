/**
 * Showing a running job's progress on stderr: a bar on a terminal, a plain line every ten seconds
 * otherwise, refreshed from a source of counts (the workers' tally in this JVM, or a session
 * cluster's REST API) by a clock that tests drive by hand.
 */
package dev.beliefs.pipeline.progress;
