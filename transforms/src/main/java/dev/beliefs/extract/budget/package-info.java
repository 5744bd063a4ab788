/**
 * The spending cap: a {@link dev.beliefs.extract.budget.Budget} reserves each request's worst case
 * before it starts and settles what it was billed, and the {@link
 * dev.beliefs.extract.budget.SpendingLedger} keeps what restarted attempts already spent. It deals
 * in dollars only, not in requests or answers.
 */
package dev.beliefs.extract.budget;
