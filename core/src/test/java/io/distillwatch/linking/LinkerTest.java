package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinkerTest {
  private final Linker linker = new Linker(LinkPolicy.defaults());

  @Test
  void aSharedPaymentFingerprintLinksAccountsOnItsOwn() {
    add("acct-b", LinkKind.PAYMENT_FP.key("pm-1"));
    add("acct-a", LinkKind.PAYMENT_FP.key("pm-1"));
    add("acct-c", LinkKind.PAYMENT_FP.key("pm-2"));

    List<LinkedCluster> clusters = linker.link();

    assertThat(clusters).hasSize(1);
    LinkedCluster c = clusters.get(0);
    assertThat(c.accounts()).containsExactly("acct-a", "acct-b");
    assertThat(c.links()).singleElement().satisfies(l -> {
      assertThat(l.kind()).isEqualTo(LinkKind.PAYMENT_FP);
      assertThat(l.pairs()).isEqualTo(1);
      assertThat(l.examples()).containsExactly("pm-1");
    });
  }

  @Test
  void clusterIdIsSha256OfTheSmallestMember() throws Exception {
    add("zeta", LinkKind.PAYMENT_FP.key("pm-1"));
    add("alpha", LinkKind.PAYMENT_FP.key("pm-1"));
    String expected = "c-" + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest("alpha".getBytes(StandardCharsets.UTF_8))).substring(0, 16);

    assertThat(linker.link().get(0).id()).isEqualTo(expected);
  }

  @Test
  void aLargeClusterDrawsAtMostFortyGroupsAndThreeExamplesPerKind() {
    Random random = new Random(99);
    for (int i = 0; i < 700; i++) {
      // one operator's card, and exits drawn from 150 /24s: far more shared values than a reviewer can read
      List<String> keys = new java.util.ArrayList<>(List.of(LinkKind.PAYMENT_FP.key("pm-op")));
      for (int k = 0; k < 6; k++) {
        keys.add(LinkKind.IP_PREFIX.key("203.0." + random.nextInt(150) + ".0/24"));
      }
      add("op-" + i, keys.toArray(new String[0]));
    }

    List<LinkedCluster> clusters = linker.link();

    assertThat(clusters).singleElement().satisfies(c -> {
      assertThat(c.accounts()).hasSize(700);
      assertThat(c.groups()).hasSize(Linker.GROUPS);
      assertThat(c.links()).allSatisfy(l -> assertThat(l.examples()).hasSizeBetween(1, 3));
    });
  }

  @Test
  void anAddressItsPrefixAndItsAsnAreOnePieceOfEvidenceNotThree() {
    // a household or office behind one address: 0.6 + 0.35 + 0.1 would reach 1.0 if they were independent
    String[] network = {LinkKind.IP.key("198.51.100.7"), LinkKind.IP_PREFIX.key("198.51.100.0/24"), LinkKind.ASN.key("64500")};
    add("a", network);
    add("b", network);
    assertThat(linker.link()).isEmpty();

    Linker withMore = new Linker(LinkPolicy.defaults());
    for (String account : List.of("a", "b")) {
      withMore.add(evidence(account, network[0], network[1], network[2], LinkKind.SYSTEM_PROMPT.key("9d59"),
          LinkKind.TLS_FP.key("t13d python-httpx")));
    }
    assertThat(withMore.link()).as("0.6 + 0.5 + 0.15").singleElement()
        .satisfies(c -> assertThat(c.accounts()).containsExactly("a", "b"));
  }

  @Test
  void oneWeakLinkIsNotEnoughButIndependentWeakLinksAddUp() {
    add("a", LinkKind.IP_PREFIX.key("203.0.113.0/24"));
    add("b", LinkKind.IP_PREFIX.key("203.0.113.0/24"));
    assertThat(linker.link()).isEmpty();

    Linker combined = new Linker(LinkPolicy.defaults());
    for (String account : List.of("a", "b")) {
      combined.add(evidence(account, LinkKind.IP_PREFIX.key("203.0.113.0/24"),
          LinkKind.SYSTEM_PROMPT.key("9d595249ff795cfd"), LinkKind.TLS_FP.key("t13d1516h2")));
    }
    assertThat(combined.link()).singleElement()
        .satisfies(c -> assertThat(c.accounts()).containsExactly("a", "b"));
  }

  @Test
  void aValueSharedByTooManyAccountsSaysNothing() {
    int crowd = LinkPolicy.defaults().maxAccounts(LinkKind.IP_PREFIX) + 1;
    for (int i = 0; i < crowd; i++) {
      // a mobile carrier's NAT plus a common client and the same large ASN: everyone shares them
      linker.add(evidence("user-" + i, LinkKind.IP_PREFIX.key("100.64.0.0/24"),
          LinkKind.ASN.key("64500"), LinkKind.TLS_FP.key("chrome")));
    }
    assertThat(linker.link()).isEmpty();
  }

  @Test
  void linksAreTransitiveAndPairsOfOneKindAreCountedOnce() {
    add("a", LinkKind.PAYMENT_FP.key("pm-1"), LinkKind.TEMPLATE.key("0:aa"), LinkKind.TEMPLATE.key("1:bb"));
    add("b", LinkKind.PAYMENT_FP.key("pm-1"), LinkKind.PAYMENT_FP.key("pm-2"),
        LinkKind.TEMPLATE.key("0:aa"), LinkKind.TEMPLATE.key("1:bb"));
    add("c", LinkKind.PAYMENT_FP.key("pm-2"));

    LinkedCluster c = linker.link().get(0);

    assertThat(c.accounts()).containsExactly("a", "b", "c");
    Map<LinkKind, Long> pairs = new LinkedHashMap<>();
    c.links().forEach(l -> pairs.put(l.kind(), l.pairs()));
    assertThat(pairs).containsEntry(LinkKind.PAYMENT_FP, 2L).containsEntry(LinkKind.TEMPLATE, 1L);
    assertThat(c.templateFingerprint()).startsWith("t-");
  }

  @Test
  void aLargeHydraSharingPaymentMethodsInSmallGroupsAndATemplateBecomesOneCluster() {
    long seed = 42;
    Random random = new Random(seed);
    int accounts = 600;
    for (int i = 0; i < accounts; i++) {
      // 30 cards, each reused by ~20 accounts; the campaign template on every account
      linker.add(evidence(String.format("hydra-%04d", i), LinkKind.PAYMENT_FP.key("pm-" + (i % 30)),
          LinkKind.TEMPLATE.key("0:campaign"), LinkKind.CREATION_BURST.key("w1:mail.example:education"),
          LinkKind.IP_PREFIX.key("198.51." + random.nextInt(200) + ".0/24")));
    }
    List<LinkedCluster> clusters = linker.link();
    assertThat(clusters).as("seed %d", seed).hasSize(1);
    assertThat(clusters.get(0).accounts()).hasSize(accounts);
  }

  private void add(String account, String... keys) {
    linker.add(evidence(account, keys));
  }

  private static AccountEvidence evidence(String account, String... keys) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String k : keys) {
      map.put(k, k.substring(k.indexOf('|') + 1));
    }
    return new AccountEvidence(account, map);
  }

  @Test
  void cardGroupsSharingOneSystemPromptAndProxyPoolJoinButSeparateTeamsDoNot() {
    long seed = 7;
    Random random = new Random(seed);
    for (int i = 0; i < 60; i++) {
      // an operator: 5 cards of 12 accounts, one system prompt, one pool of proxy /24s
      // each account's requests leave through several of the pool's four /24s
      linker.add(evidence(String.format("op-%02d", i), LinkKind.PAYMENT_FP.key("op-card-" + i / 12),
          LinkKind.SYSTEM_PROMPT.key("op-system"), LinkKind.IP_PREFIX.key("203.0." + random.nextInt(4) + ".0/24"),
          LinkKind.IP_PREFIX.key("203.0." + random.nextInt(4) + ".0/24"),
          LinkKind.IP_PREFIX.key("203.0." + random.nextInt(4) + ".0/24"), LinkKind.ASN.key("64501")));
    }
    for (int team = 0; team < 5; team++) {
      for (int i = 0; i < 8; i++) {
        // enterprise teams: a card and an office each, the same big ISP
        linker.add(evidence("team" + team + "-" + i, LinkKind.PAYMENT_FP.key("corp-card-" + team),
            LinkKind.IP_PREFIX.key("198.51." + team + ".0/24"), LinkKind.ASN.key("64501"),
            LinkKind.SYSTEM_PROMPT.key("team-system-" + team)));
      }
    }
    List<LinkedCluster> clusters = linker.link();
    assertThat(clusters).as("seed %d", seed).hasSize(6);
    assertThat(clusters.get(0).accounts()).hasSize(60).allMatch(a -> a.startsWith("op-"));
    assertThat(clusters.subList(1, 6)).allSatisfy(c -> assertThat(c.accounts()).hasSize(8));
  }

  /** Evidence of an account drawing on a set of prefixes, as EvidenceExtractor makes it. */
  static Map<String, String> poolEvidence(String card, List<String> prefixes) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(LinkKind.PAYMENT_FP.key(card), card);
    for (String p : prefixes) {
      keys.put(LinkKind.IP_PREFIX.key(p), p);
    }
    for (String pool : ExitPools.values(prefixes, false)) {
      keys.put(LinkKind.EXIT_POOL.key(pool), pool);
    }
    return keys;
  }

  @Test
  void paymentGroupsRotatingOverTheSameFewCloudPrefixesLinkThroughTheExitPool() {
    List<String> pool = List.of("203.0.1.0/24", "203.0.2.0/24", "203.0.3.0/24");
    for (int i = 0; i < 40; i++) {
      // payment groups of 5, no other shared evidence: only the /24 pool joins the groups
      linker.add(new AccountEvidence(String.format("op-%02d", i), poolEvidence("card-" + i / 5, pool)));
    }
    List<LinkedCluster> clusters = linker.link();
    assertThat(clusters).singleElement().satisfies(c -> {
      assertThat(c.accounts()).hasSize(40);
      assertThat(c.links()).anySatisfy(l -> assertThat(l.kind()).isEqualTo(LinkKind.EXIT_POOL));
    });
  }

  @Test
  void aLinkKindCanBeSwitchedOffForAblation() {
    Linker without = new Linker(LinkPolicy.defaults().without(List.of("link.exit_pool", "infra")));
    List<String> pool = List.of("203.0.1.0/24", "203.0.2.0/24", "203.0.3.0/24");
    for (int i = 0; i < 10; i++) {
      without.add(new AccountEvidence(String.format("op-%02d", i), poolEvidence("card-" + i / 5, pool)));
    }
    assertThat(without.link()).hasSize(2).allSatisfy(c -> assertThat(c.accounts()).hasSize(5));
  }

  @Test
  void aPoolManyOthersAlsoUseIsNotExclusiveAndLinksNothing() {
    List<String> pool = List.of("203.0.1.0/24", "203.0.2.0/24");
    for (int i = 0; i < 4; i++) {
      linker.add(new AccountEvidence("pair-" + i, poolEvidence("card-" + i, pool)));
    }
    for (int i = 0; i < 30; i++) {
      // a busy cloud /24: thirty other tenants use one of the two prefixes, with others
      linker.add(new AccountEvidence("tenant-" + i,
          poolEvidence("tcard-" + i, List.of("203.0.1.0/24", "198.51." + i + ".0/24"))));
    }
    assertThat(linker.link()).noneMatch(c -> c.accounts().contains("pair-0"));
  }

  private static Map<String, String> prompts(String account, int from, int to) {
    Map<String, String> keys = new LinkedHashMap<>();
    for (int p = from; p < to; p++) {
      keys.put(LinkKind.PROMPT_OVERLAP.key(String.format("%08x", p)), "prompt " + p);
    }
    return keys;
  }

  @Test
  void accountsSharingManyRarePromptsLinkAndOneOrACommonPromptDoesNot() {
    // four prompts held by these two accounts only: 4 x 0.3
    linker.add(new AccountEvidence("sweep-1", prompts("sweep-1", 0, 10)));
    linker.add(new AccountEvidence("sweep-2", prompts("sweep-2", 6, 16)));
    // one rare shared prompt is not enough
    linker.add(new AccountEvidence("once-1", prompts("once-1", 100, 110)));
    linker.add(new AccountEvidence("once-2", prompts("once-2", 109, 119)));
    // thirty accounts all sending the same ten prompts (a famous question, a viral prompt): too common
    for (int i = 0; i < 30; i++) {
      linker.add(new AccountEvidence("famous-" + i, prompts("famous-" + i, 500, 510)));
    }
    List<LinkedCluster> clusters = linker.link();
    assertThat(clusters).singleElement().satisfies(c -> {
      assertThat(c.accounts()).containsExactly("sweep-1", "sweep-2");
      assertThat(c.links()).singleElement().satisfies(l -> {
        assertThat(l.kind()).isEqualTo(LinkKind.PROMPT_OVERLAP);
        assertThat(l.pairs()).isEqualTo(1);
      });
    });
  }
}
