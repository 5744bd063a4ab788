/**
 * How far a running job has got, counted in the JVM that does the work as each extraction call
 * starts and ends. It knows chunks and calls, not Beam's metrics, which a runner commits only when
 * a bundle ends; it must not know the command line that shows it.
 */
package dev.beliefs.progress;
