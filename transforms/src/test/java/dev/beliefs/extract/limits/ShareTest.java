package dev.beliefs.extract.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShareTest {

  private static Share share(int index, int count) {
    return new Share(index, count, "");
  }

  @Test
  void theSharesOfAnIntegerAddUpToIt_theFirstOnesTakingTheRemainder() {
    assertEquals(3, share(0, 4).partOf(10));
    assertEquals(3, share(1, 4).partOf(10));
    assertEquals(2, share(2, 4).partOf(10));
    assertEquals(2, share(3, 4).partOf(10));
    for (int count = 1; count <= 9; count++) {
      int shares = count;
      assertEquals(
          1_000_003L,
          IntStream.range(0, count).mapToLong(i -> share(i, shares).partOf(1_000_003L)).sum());
    }
  }

  @Test
  void theSharesOfACapAddUpToNoMoreThanIt() {
    BigDecimal cap = new BigDecimal("0.01");
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 3; i++) {
      sum = sum.add(share(i, 3).partOf(cap));
    }
    assertEquals(new BigDecimal("0.00333333"), share(0, 3).partOf(cap));
    assertEquals(-1, sum.compareTo(cap));
  }

  @Test
  void limitsAreSplitLikeIntegers_andNoLimitStaysNoLimit() {
    assertEquals(new RateLimits(2, 500), share(1, 2).partOf(new RateLimits(5, 1_000)));
    assertEquals(RateLimits.NONE, share(1, 2).partOf(RateLimits.NONE));
  }

  @Test
  void aLimitSmallerThanTheShares_cannotBeSplit_sinceAShareOfZeroWouldMeanNoLimit() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> share(0, 4).partOf(new RateLimits(3, 0)));
    assertEquals("3 requests per minute cannot be split over 4 shares", e.getMessage());
  }

  @Test
  void holdersOfOneShare_haveStateOfTheirOwn_butTheWholeJvmsShareIsOne() {
    assertEquals(Share.whole().key(), Share.whole().key());
    assertEquals("1of4-a", new Share(1, 4, "a").key());
  }
}
