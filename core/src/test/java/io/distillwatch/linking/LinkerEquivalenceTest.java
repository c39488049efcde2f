package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The linker's compact index and packed pair weights change how it stores evidence, not what it
 * links: on varied synthetic evidence its clusters (members, links with counts, weights and examples,
 * template fingerprints, drawn groups) equal those of the linker it replaced ({@link LegacyLinker}).
 */
class LinkerEquivalenceTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void clustersAreThoseOfThePreviousLinker(long seed) {
    Random random = new Random(seed);
    int accounts = 200 + random.nextInt(2_500);
    List<AccountEvidence> evidence = evidence(random, accounts);
    int budget = seed % 2 == 0 ? Linker.MAX_PAIRS : 50 + random.nextInt(2_000);

    assertThat(link(new Linker(LinkPolicy.defaults(), budget), evidence))
        .as("seed %d, %d accounts, pair budget %d", seed, accounts, budget)
        .isEqualTo(legacy(budget, evidence))
        .isNotEmpty();
  }

  @Test
  void largeClustersKeepTheirFirstFortyGroupsAndThreeExamples() {
    Random random = new Random(99);
    List<AccountEvidence> evidence = evidence(random, 3_000);
    for (int i = 0; i < 700; i++) {
      // one operator: a system prompt and a creation burst shared too widely to expand into pairs
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put(LinkKind.SYSTEM_PROMPT.key("op-system"), "op-system");
      keys.put(LinkKind.CREATION_BURST.key("w7 mail.example api"), "w7 mail.example api");
      for (int k = 0; k < 6; k++) {
        String prefix = "203.0." + random.nextInt(150) + ".0/24";
        keys.put(LinkKind.IP_PREFIX.key(prefix), prefix);
      }
      evidence.add(new AccountEvidence("op-" + i, keys));
    }
    List<LinkedCluster> current = link(new Linker(LinkPolicy.defaults()), evidence);

    assertThat(current).isEqualTo(legacy(Linker.MAX_PAIRS, evidence));
    assertThat(current.get(0).groups()).hasSize(Linker.GROUPS);
  }

  @Test
  void weightCodesDecodeToThePolicysExactWeights() {
    LinkPolicy policy = LinkPolicy.defaults();
    WeightCodes codes = new WeightCodes(policy);
    for (LinkKind kind : LinkKind.values()) {
      for (int n = 0; n <= policy.maxAccounts(kind) + 2; n++) {
        int code = codes.code(kind, n);
        assertThat(codes.weight(kind.ordinal(), code)).as("%s n=%d", kind, n).isEqualTo(policy.weight(kind, n));
        if (n >= 3 && code > 0) {
          // fewer holders never weigh less: the strongest value of a kind is the largest code
          assertThat(code).isLessThanOrEqualTo(codes.code(kind, n - 1));
        }
      }
    }
    long packed = 0;
    packed = WeightCodes.max(packed, LinkKind.IP_PREFIX.ordinal(), codes.code(LinkKind.IP_PREFIX, 30));
    packed = WeightCodes.max(packed, LinkKind.IP_PREFIX.ordinal(), codes.code(LinkKind.IP_PREFIX, 12));
    packed = WeightCodes.max(packed, LinkKind.IP_PREFIX.ordinal(), codes.code(LinkKind.IP_PREFIX, 90));
    packed = WeightCodes.max(packed, LinkKind.SYSTEM_PROMPT.ordinal(), codes.code(LinkKind.SYSTEM_PROMPT, 2));
    packed = WeightCodes.max(packed, LinkKind.TLS_FP.ordinal(), codes.code(LinkKind.TLS_FP, 15));
    double[] perKind = new double[LinkKind.values().length];
    perKind[LinkKind.IP_PREFIX.ordinal()] = policy.weight(LinkKind.IP_PREFIX, 12);
    perKind[LinkKind.SYSTEM_PROMPT.ordinal()] = policy.weight(LinkKind.SYSTEM_PROMPT, 2);
    perKind[LinkKind.TLS_FP.ordinal()] = policy.weight(LinkKind.TLS_FP, 15);
    double sum = 0;
    for (double w : perKind) {
      sum += w;
    }
    assertThat(codes.sum(packed)).isEqualTo(sum);
  }

  private static List<LinkedCluster> link(Linker linker, List<AccountEvidence> evidence) {
    evidence.forEach(linker::add);
    return linker.link();
  }

  private static List<LinkedCluster> legacy(int budget, List<AccountEvidence> evidence) {
    LegacyLinker linker = new LegacyLinker(LinkPolicy.defaults(), budget);
    evidence.forEach(linker::add);
    return linker.link();
  }

  /** Evidence with values shared by 2 to ~600 accounts of every kind, and per-account examples. */
  private static List<AccountEvidence> evidence(Random random, int accounts) {
    List<AccountEvidence> out = new java.util.ArrayList<>();
    int cards = Math.max(1, accounts / (2 + random.nextInt(6)));
    int prefixes = Math.max(1, accounts / (1 + random.nextInt(60)));
    int prompts = 1 + random.nextInt(40);
    int templates = Math.max(1, accounts / (1 + random.nextInt(30)));
    for (int a = 0; a < accounts; a++) {
      Map<String, String> keys = new LinkedHashMap<>();
      if (random.nextInt(4) == 0) {
        String card = "pm-" + random.nextInt(cards * 3);
        keys.put(LinkKind.PAYMENT_FP.key(card), card);
      }
      for (int k = random.nextInt(8); k > 0; k--) {
        String prefix = "198.51." + random.nextInt(prefixes) + ".0/24";
        keys.put(LinkKind.IP_PREFIX.key(prefix), prefix);
      }
      String asn = String.valueOf(64_500 + random.nextInt(1 + accounts / 150));
      keys.put(LinkKind.ASN.key(asn), asn);
      String tls = "t13d-" + random.nextInt(3 + random.nextInt(30));
      keys.put(LinkKind.TLS_FP.key(tls), tls);
      if (random.nextInt(3) == 0) {
        String system = "sys-" + random.nextInt(prompts);
        keys.put(LinkKind.SYSTEM_PROMPT.key(system), system);
      }
      if (random.nextInt(3) == 0) {
        int t = random.nextInt(templates);
        for (int band = 0; band < 8; band++) {
          if (random.nextInt(10) < 8) {
            keys.put(LinkKind.TEMPLATE.key(band + ":" + t), "skeleton " + t + " as written by " + a % 7);
          }
        }
      }
      if (random.nextInt(2) == 0) {
        int pattern = random.nextInt(1 + accounts / 20);
        for (int band = 0; band < 8; band++) {
          if (random.nextInt(10) < 6) {
            keys.put(LinkKind.COACTIVITY.key(band + ":" + pattern), (6 + a % 17) + " active hours from " + a % 5);
          }
        }
      }
      if (random.nextInt(2) == 0) {
        String burst = "w" + random.nextInt(1 + accounts / 300) + " mail.example education";
        keys.put(LinkKind.CREATION_BURST.key(burst), burst);
      }
      for (int k = random.nextInt(6); k > 0; k--) {
        // values nobody else holds
        keys.put(LinkKind.TEMPLATE.key(k + ":own-" + a), "own " + a);
      }
      out.add(new AccountEvidence(String.format("acct-%05d", random.nextInt(accounts * 10)) + "-" + a, keys));
    }
    return out;
  }
}
