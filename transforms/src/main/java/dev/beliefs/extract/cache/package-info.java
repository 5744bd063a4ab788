/**
 * Never paying twice for one request: the {@link dev.beliefs.extract.cache.ResponseCache} of
 * answers that parsed, keyed by the request, the turns that make identical requests of a run wait
 * for the first, and the notes of requests in flight that let a restarted attempt count what its
 * lost predecessor sent. It stores answers; it does not ask for them.
 */
package dev.beliefs.extract.cache;
