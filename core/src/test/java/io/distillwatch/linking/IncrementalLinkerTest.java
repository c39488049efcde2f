package io.distillwatch.linking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncrementalLinkerTest {
  private final IncrementalLinker linker = new IncrementalLinker(LinkPolicy.defaults());

  private List<IncrementalLinker.Merge> add(IncrementalLinker l, String account, String... keys) {
    List<String> examples = new ArrayList<>();
    for (String k : keys) {
      examples.add(k.substring(k.indexOf('|') + 1));
    }
    return l.add(account, List.of(keys), examples);
  }

  @Test
  void aSharedPaymentFingerprintLinksAsSoonAsTheSecondAccountShowsIt() {
    assertThat(add(linker, "acct-b", LinkKind.PAYMENT_FP.key("pm-1"))).isEmpty();
    List<IncrementalLinker.Merge> merges = add(linker, "acct-a", LinkKind.PAYMENT_FP.key("pm-1"));

    assertThat(merges).singleElement().satisfies(m -> {
      assertThat(m.clusterId()).isEqualTo(ClusterIds.of("acct-a"));
      assertThat(m.moved()).containsExactlyInAnyOrder("acct-a", "acct-b");
      assertThat(m.kind()).isEqualTo(LinkKind.PAYMENT_FP);
      assertThat(m.example()).isEqualTo("pm-1");
      assertThat(m.absorbedLineage()).isNull();
    });
    assertThat(linker.membersOf("acct-b")).containsExactly("acct-a", "acct-b");
    assertThat(add(linker, "acct-c", LinkKind.PAYMENT_FP.key("pm-2"))).isEmpty();
    assertThat(linker.lineageOf("acct-c")).isNull();
  }

  @Test
  void oneWeakLinkIsNotEnoughButIndependentWeakLinksAddUpAsTheyArrive() {
    add(linker, "a", LinkKind.IP_PREFIX.key("203.0.113.0/24"));
    assertThat(add(linker, "b", LinkKind.IP_PREFIX.key("203.0.113.0/24"))).isEmpty();
    add(linker, "a", LinkKind.SYSTEM_PROMPT.key("9d595249ff795cfd"));
    assertThat(add(linker, "b", LinkKind.SYSTEM_PROMPT.key("9d595249ff795cfd"))).as("0.35 + 0.5 < 1").isEmpty();
    add(linker, "a", LinkKind.TLS_FP.key("t13d1516h2"));

    assertThat(add(linker, "b", LinkKind.TLS_FP.key("t13d1516h2"))).as("+ 0.15 reaches 1").hasSize(1);
    assertThat(linker.linksOf("a")).containsOnlyKeys(LinkKind.TLS_FP);
  }

  @Test
  void anAddressItsPrefixAndItsAsnCountOnceAtTheStrongest() {
    add(linker, "a", LinkKind.IP.key("198.51.100.7"), LinkKind.IP_PREFIX.key("198.51.100.0/24"), LinkKind.ASN.key("64500"));
    assertThat(add(linker, "b", LinkKind.IP.key("198.51.100.7"), LinkKind.IP_PREFIX.key("198.51.100.0/24"),
        LinkKind.ASN.key("64500"))).as("max(0.6, 0.35, 0.1)").isEmpty();
    add(linker, "a", LinkKind.SYSTEM_PROMPT.key("s1"));
    assertThat(add(linker, "b", LinkKind.SYSTEM_PROMPT.key("s1"))).as("0.6 + 0.5").hasSize(1);
  }

  @Test
  void evidenceSentAgainCountsOnce() {
    add(linker, "a", LinkKind.IP_PREFIX.key("203.0.113.0/24"));
    for (int i = 0; i < 5; i++) {
      assertThat(add(linker, "b", LinkKind.IP_PREFIX.key("203.0.113.0/24"))).isEmpty();
    }
  }

  @Test
  void aValueHeldByMoreAccountsThanItsKindAllowsLinksNoMore() {
    // An ASN held by 401 accounts is a carrier or cloud, not an operator (ceiling 400).
    for (int i = 0; i < 401; i++) {
      add(linker, "acct-" + i, LinkKind.ASN.key("AS7922"));
    }
    add(linker, "x", LinkKind.ASN.key("AS7922"), LinkKind.IP_PREFIX.key("198.51.100.0/24"),
        LinkKind.SYSTEM_PROMPT.key("s1"), LinkKind.TLS_FP.key("t1"));
    List<IncrementalLinker.Merge> merges = add(linker, "y", LinkKind.ASN.key("AS7922"),
        LinkKind.IP_PREFIX.key("198.51.100.0/24"), LinkKind.SYSTEM_PROMPT.key("s1"), LinkKind.TLS_FP.key("t1"));
    assertThat(merges).as("0.35 + 0.5 + 0.15 = 1.0 without the saturated ASN").hasSize(1);
    assertThat(linker.clusters()).isEqualTo(1);
  }

  @Test
  void theLargerClusterKeepsItsLineageWhenClustersMergeAndTheIdFollowsTheSmallestMember() {
    for (String a : List.of("m1", "m2", "m3")) {
      add(linker, a, LinkKind.PAYMENT_FP.key("card-1"));
    }
    String big = linker.lineageOf("m1");
    add(linker, "a0", LinkKind.PAYMENT_FP.key("card-2"));
    add(linker, "a1", LinkKind.PAYMENT_FP.key("card-2"));
    String small = linker.lineageOf("a0");

    List<IncrementalLinker.Merge> merges = add(linker, "a1", LinkKind.TEMPLATE.key("0:ab12"));
    assertThat(merges).isEmpty();
    merges = add(linker, "m2", LinkKind.TEMPLATE.key("0:ab12"));

    assertThat(merges).singleElement().satisfies(m -> {
      assertThat(m.lineage()).isEqualTo(big);
      assertThat(m.absorbedLineage()).isEqualTo(small);
      assertThat(m.moved()).containsExactlyInAnyOrder("a0", "a1");
      assertThat(m.clusterId()).isEqualTo(ClusterIds.of("a0"));
      assertThat(m.size()).isEqualTo(5);
    });
    assertThat(linker.lineageOf("a0")).isEqualTo(big);
    assertThat(linker.clusterIdOf("m3")).isEqualTo(ClusterIds.of("a0"));
  }

  @Test
  void withOnlyEvidenceThatLinksOnItsOwnTheClustersEqualTheBatchLinkersWhateverTheArrivalOrder() {
    Random random = new Random(42);
    List<String[]> evidence = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      evidence.add(new String[] {"acct-" + i, LinkKind.PAYMENT_FP.key("card-" + random.nextInt(1500)),
          LinkKind.TEMPLATE.key("0:" + random.nextInt(4000))});
    }
    Linker batch = new Linker(LinkPolicy.defaults());
    for (String[] e : evidence) {
      batch.add(new AccountEvidence(e[0], java.util.Map.of(e[1], "c", e[2], "t")));
    }
    Set<List<String>> expected = new HashSet<>();
    for (LinkedCluster c : batch.link()) {
      expected.add(c.accounts());
    }
    Collections.shuffle(evidence, random);
    for (String[] e : evidence) {
      add(linker, e[0], e[1], e[2]);
    }
    Set<List<String>> actual = new HashSet<>();
    for (String[] e : evidence) {
      List<String> members = linker.membersOf(e[0]);
      if (members.size() > 1) {
        actual.add(members);
      }
    }
    assertThat(expected).hasSizeGreaterThan(100);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void aSnapshotRestoresTheLinkerExactly() throws Exception {
    Random random = new Random(7);
    List<String[]> evidence = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      evidence.add(new String[] {"acct-" + random.nextInt(800),
          LinkKind.IP_PREFIX.key("10.0." + random.nextInt(60) + ".0/24"),
          LinkKind.SYSTEM_PROMPT.key("s" + random.nextInt(90)), LinkKind.PAYMENT_FP.key("card-" + random.nextInt(900))});
    }
    IncrementalLinker uninterrupted = new IncrementalLinker(LinkPolicy.defaults());
    IncrementalLinker first = new IncrementalLinker(LinkPolicy.defaults());
    List<IncrementalLinker.Merge> expected = new ArrayList<>();
    List<IncrementalLinker.Merge> actual = new ArrayList<>();
    for (int i = 0; i < evidence.size(); i++) {
      expected.addAll(add(uninterrupted, evidence.get(i)[0], evidence.get(i)[1], evidence.get(i)[2], evidence.get(i)[3]));
    }
    for (int i = 0; i < 1500; i++) {
      actual.addAll(add(first, evidence.get(i)[0], evidence.get(i)[1], evidence.get(i)[2], evidence.get(i)[3]));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    first.writeTo(new DataOutputStream(bytes));
    IncrementalLinker restored =
        IncrementalLinker.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), LinkPolicy.defaults());
    for (int i = 1500; i < evidence.size(); i++) {
      actual.addAll(add(restored, evidence.get(i)[0], evidence.get(i)[1], evidence.get(i)[2], evidence.get(i)[3]));
    }
    assertThat(expected).hasSizeGreaterThan(50);
    assertThat(actual).isEqualTo(expected);
  }

  private static String[] keysOf(java.util.Map<String, String> evidence) {
    return evidence.keySet().toArray(new String[0]);
  }

  @Test
  void anExclusiveExitPoolLinksAccountsInDifferentPaymentGroups() {
    List<String> pool = List.of("203.0.1.0/24", "203.0.2.0/24", "203.0.3.0/24");
    for (int i = 0; i < 10; i++) {
      add(linker, "op-" + i, keysOf(LinkerTest.poolEvidence("card-" + i / 5, pool)));
    }
    assertThat(linker.membersOf("op-0")).hasSize(10);
    assertThat(linker.linksOf("op-0")).containsKey(LinkKind.EXIT_POOL);
  }

  @Test
  void rarePromptsAddUpAsTheyBecomeSharedAndOneIsNotEnough() {
    String[] first = new String[10];
    String[] second = new String[10];
    for (int p = 0; p < 10; p++) {
      first[p] = LinkKind.PROMPT_OVERLAP.key(String.format("%08x", p));
      second[p] = LinkKind.PROMPT_OVERLAP.key(String.format("%08x", p + 9));
    }
    add(linker, "a", first);
    add(linker, "b", second);
    assertThat(linker.lineageOf("a")).as("one shared prompt").isNull();
    String[] more = new String[4];
    for (int p = 0; p < 4; p++) {
      more[p] = LinkKind.PROMPT_OVERLAP.key(String.format("%08x", p));
    }
    add(linker, "b", more);
    assertThat(linker.membersOf("a")).containsExactly("a", "b");
    assertThat(linker.linksOf("a")).containsKey(LinkKind.PROMPT_OVERLAP);
  }
}
