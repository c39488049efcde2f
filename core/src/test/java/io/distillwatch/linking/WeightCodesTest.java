package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Packed pair weights are exact: every code decodes to the policy's own weight. */
class WeightCodesTest {
  private final LinkPolicy policy = LinkPolicy.defaults();
  private final WeightCodes codes = new WeightCodes(policy);

  @Test
  void everyCodeDecodesToThePolicysExactWeightAndFewerHoldersNeverWeighLess() {
    for (LinkKind kind : LinkKind.values()) {
      for (int n = 0; n <= policy.maxAccounts(kind) + 2; n++) {
        int code = codes.code(kind, n);
        assertThat(codes.weight(kind.ordinal(), code)).as("%s n=%d", kind, n).isEqualTo(policy.weight(kind, n));
        if (n >= 3 && code > 0) {
          assertThat(code).isLessThanOrEqualTo(codes.code(kind, n - 1));
        }
      }
    }
  }

  @Test
  void aPairKeepsTheStrongestValuePerKindAndCombinesKindsAsThePolicyDoes() {
    long packed = 0;
    packed = WeightCodes.max(packed, LinkKind.IP_PREFIX.ordinal(), codes.code(LinkKind.IP_PREFIX, 30));
    packed = WeightCodes.max(packed, LinkKind.IP_PREFIX.ordinal(), codes.code(LinkKind.IP_PREFIX, 12));
    packed = WeightCodes.max(packed, LinkKind.IP_PREFIX.ordinal(), codes.code(LinkKind.IP_PREFIX, 90));
    packed = WeightCodes.max(packed, LinkKind.IP.ordinal(), codes.code(LinkKind.IP, 2));
    packed = WeightCodes.max(packed, LinkKind.SYSTEM_PROMPT.ordinal(), codes.code(LinkKind.SYSTEM_PROMPT, 2));
    packed = WeightCodes.max(packed, LinkKind.TLS_FP.ordinal(), codes.code(LinkKind.TLS_FP, 15));

    double[] perKind = new double[LinkKind.values().length];
    perKind[LinkKind.IP_PREFIX.ordinal()] = policy.weight(LinkKind.IP_PREFIX, 12);
    perKind[LinkKind.IP.ordinal()] = policy.weight(LinkKind.IP, 2);
    perKind[LinkKind.SYSTEM_PROMPT.ordinal()] = policy.weight(LinkKind.SYSTEM_PROMPT, 2);
    perKind[LinkKind.TLS_FP.ordinal()] = policy.weight(LinkKind.TLS_FP, 15);
    assertThat(codes.sum(packed)).isEqualTo(LinkPolicy.combine(perKind));
    // address 0.6, system prompt 0.5, TLS 0.15 × 10/15; the prefix is the address's network level: not added
    assertThat(codes.sum(packed)).isCloseTo(0.6 + 0.5 + 0.1, org.assertj.core.data.Offset.offset(1e-12));
  }
}
