package dev.beliefs.extract.openai;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.beliefs.extract.limits.Share;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharedChatStateTest {

  private final OpenAiSettings settings =
      TeachersChunk.settings("http://127.0.0.1:9/v1", 2, UUID.randomUUID().toString());

  @Test
  void workersOfOneShare_useOneClientGateAndBudget_andAnotherShareHasItsOwn() {
    Share first = new Share(0, 2, "");
    SharedChatState one = SharedChatState.acquire(settings, first, null);
    SharedChatState two = SharedChatState.acquire(settings, first, null);
    SharedChatState other = SharedChatState.acquire(settings, new Share(1, 2, ""), null);
    try {
      assertSame(one.client(), two.client());
      assertSame(one.gate(), two.gate());
      assertSame(one.budget(), two.budget());
      assertNotSame(one.client(), other.client());
      assertNotSame(one.gate(), other.gate());
      assertNotSame(one.budget(), other.budget());
    } finally {
      one.release();
      two.release();
      other.release();
    }
  }

  @Test
  void onceEveryWorkerReleasedIt_theNextWorkerGetsNewState() {
    SharedChatState one = SharedChatState.acquire(settings, Share.whole(), null);
    SharedChatState two = SharedChatState.acquire(settings, Share.whole(), null);
    one.release();
    SharedChatState stillShared = SharedChatState.acquire(settings, Share.whole(), null);
    two.release();
    stillShared.release();

    SharedChatState next = SharedChatState.acquire(settings, Share.whole(), null);
    next.release();

    assertSame(one.client(), stillShared.client());
    assertNotSame(one.client(), next.client());
    assertNotSame(one.gate(), next.gate());
    assertNotSame(one.budget(), next.budget());
  }
}
