/**
 * How fast and how much at once: the {@link dev.beliefs.extract.limits.Share} of the job's workers,
 * rate limits and spending cap each holder uses, the published tier limits, the server's rate-limit
 * headers, the token-bucket {@link dev.beliefs.extract.limits.RequestGate}, the {@link
 * dev.beliefs.extract.limits.CallScheduler} of calls in flight and the {@link
 * dev.beliefs.extract.limits.RetryPolicy} of attempts and waits. It knows nothing of chunks,
 * beliefs or HTTP.
 */
package dev.beliefs.extract.limits;
