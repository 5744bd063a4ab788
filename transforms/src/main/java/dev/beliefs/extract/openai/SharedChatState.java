package dev.beliefs.extract.openai;

import dev.beliefs.beam.JvmShared;
import dev.beliefs.extract.budget.Budget;
import dev.beliefs.extract.budget.SpendingLedger;
import dev.beliefs.extract.limits.RequestGate;
import dev.beliefs.extract.limits.Share;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The client, gate and budget that every worker of one run's {@link Share} uses in a JVM: one
 * client, so one connection pool; one gate and one budget, so that the share's part of the rate
 * limits and of the spending cap holds for its workers together. Each worker {@linkplain #acquire
 * acquires} them and {@linkplain #release releases} them; the last release closes the client's
 * connections, which ends any call still in flight, and records what the budget spent.
 *
 * @param key names the run's share: {@link OpenAiSettings#sharedKey()} and the share's key
 */
record SharedChatState(OpenAiClient client, RequestGate gate, Budget budget, String key) {

  /** The state of {@code share}, created on its first use in this JVM. */
  static SharedChatState acquire(
      OpenAiSettings settings, Share share, @Nullable SpendingLedger ledger) {
    String key = key(settings, share);
    OpenAiClient client =
        JvmShared.acquire(
            "client:" + key,
            () ->
                new OpenAiClient(
                    settings.baseUrl(),
                    settings.apiKeySource().apiKey(),
                    settings.connectTimeout(),
                    settings.readTimeout()));
    RequestGate gate =
        JvmShared.acquire("gate:" + key, () -> new RequestGate(settings.rateLimits(), share));
    Budget budget =
        JvmShared.acquire(
            "budget:" + key,
            () ->
                new Budget(
                    settings.maxCostUsd(),
                    share,
                    ledger == null || settings.maxCostUsd() == null
                        ? SpendingLedger.NONE
                        : ledger.open(share)));
    return new SharedChatState(client, gate, budget, key);
  }

  static String key(OpenAiSettings settings, Share share) {
    return settings.sharedKey() + ":" + share.key();
  }

  /** Gives back one worker's use; the last one closes the client and the budget. */
  void release() {
    JvmShared.<OpenAiClient>release("client:" + key, OpenAiClient::close);
    JvmShared.release("gate:" + key, unused -> {});
    JvmShared.<Budget>release("budget:" + key, Budget::close);
  }
}
