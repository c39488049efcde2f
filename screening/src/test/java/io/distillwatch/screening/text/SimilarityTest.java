package io.distillwatch.screening.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTest {
  @Test
  void jaroWinklerTextbookValues() {
    // Winkler (1990) / Wikipedia examples
    assertThat(Similarity.jaroWinkler("martha", "marhta")).isCloseTo(0.9611, within(1e-4));
    assertThat(Similarity.jaroWinkler("dwayne", "duane")).isCloseTo(0.84, within(1e-4));
    assertThat(Similarity.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.8133, within(1e-4));
    assertThat(Similarity.jaroWinkler("abc", "xyz")).isZero();
    assertThat(Similarity.jaroWinkler("same", "same")).isEqualTo(1.0);
  }

  @Test
  void levenshteinTextbookValues() {
    assertThat(Similarity.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(Similarity.levenshtein("", "abc")).isEqualTo(3);
    assertThat(Similarity.levenshteinRatio("kitten", "sitting")).isCloseTo(1 - 3 / 7.0, within(1e-9));
  }

  @Test
  void tokenSetRatioIgnoresOrderAndIsOneForSubsets() {
    assertThat(Similarity.tokenSetRatio(List.of("lakes", "great"), List.of("great", "lakes")))
        .isEqualTo(1.0);
    assertThat(Similarity.tokenSetRatio(List.of("huawei"), List.of("huawei", "technologies")))
        .isEqualTo(1.0);
    assertThat(Similarity.tokenSetRatio(List.of("alpha"), List.of("omega"))).isLessThan(0.5);
  }

  @org.junit.jupiter.api.Test
  void damerauCountsASwapOnceAndStopsAtItsBound() {
    org.assertj.core.api.Assertions.assertThat(Similarity.damerau("ocmpany", "company", 3)).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(Similarity.levenshtein("ocmpany", "company")).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(Similarity.damerau("kitten", "sitting", 1)).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(Similarity.damerau("abc", "abc", 0)).isZero();
  }

  @org.junit.jupiter.api.Test
  void skeletonsOfRomanisationVariantsAreEqual() {
    org.assertj.core.api.Assertions.assertThat(Similarity.skeleton("caby")).isEqualTo(Similarity.skeleton("kaby"));
    org.assertj.core.api.Assertions.assertThat(Similarity.skeleton("club")).isEqualTo(Similarity.skeleton("klub"));
    org.assertj.core.api.Assertions.assertThat(Similarity.skeleton("cis")).isEqualTo(Similarity.skeleton("sis"));
    org.assertj.core.api.Assertions.assertThat(Similarity.skeleton("dzhoint")).isEqualTo(Similarity.skeleton("joint"));
    org.assertj.core.api.Assertions.assertThat(Similarity.skeleton("bank")).isNotEqualTo(Similarity.skeleton("bunk"));
  }
}
