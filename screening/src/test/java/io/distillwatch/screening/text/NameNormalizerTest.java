package io.distillwatch.screening.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NameNormalizerTest {
  private final NameNormalizer n = new NameNormalizer();

  @ParameterizedTest
  @ValueSource(strings = {
    "Acme Co., Ltd.", "ACME COMPANY LIMITED", "Acme LLC", "Acme GmbH", "acme, inc.", "Acme S.A.",
    "ООО Acme", "Acme有限公司", "Acme Co.,Ltd", "The Acme Corporation", "Acme Pte. Ltd.",
    "Acme Joint Stock Company", "ACME, OOO"
  })
  void corporateSuffixesAndPunctuationAreRemoved(String name) {
    assertThat(n.normalize(name).compact()).isEqualTo("acme");
  }

  @Test
  void diacriticsAreRemoved() {
    assertThat(n.normalize("Müller Ærø Société Générale").tokens())
        .containsExactly("muller", "aero", "societe", "generale");
  }

  @Test
  void cyrillicUsesBgnRomanisationLikeTheUsLists() {
    assertThat(n.normalize("ООО «Ростех»").compact()).isEqualTo("rostekh");
    assertThat(n.normalize("Общество с ограниченной ответственностью Ромашка").compact())
        .isEqualTo("romashka");
  }

  @Test
  void chineseLegalFormsAreDroppedGlossaryTranslatedAndTheRestInPinyin() {
    NormalizedName name = n.normalize("华为技术有限公司");
    assertThat(name.tokens()).containsExactly("hua", "wei", "technology");
    assertThat(n.normalize("Huawei Technologies").tokens()).containsExactly("huawei", "technology");
    assertThat(name.blockingTokens()).contains("huawei");
  }

  @Test
  void aNameMadeOnlyOfALegalFormKeepsItsWords() {
    assertThat(n.normalize("Company Limited").tokens()).containsExactly("company", "limited");
  }

  @Test
  void blankNamesAreEmpty() {
    assertThat(n.normalize("  ").isEmpty()).isTrue();
    assertThat(n.normalize(null).isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "Acme S.A. de C.V.", "ACME S A DE C V", "Acme SA DE CV", "Acme S.A.DE C.V.", "Acme L.L.C.",
    "Acme L L C", "ACME COMPNAY", "Acme Limi ted", "Acme Joint Open Stock Company",
    "ACME, OCMPANY LIMITED", "ООО Acme", "Acme 株式会社", "Acme Sp. z o.o."
  })
  void legalFormsAreRecognisedInAnySpacingOrderAndWithOneTypo(String name) {
    assertThat(n.normalize(name).compact()).isEqualTo("acme");
  }

  @Test
  void aWordThatOnlyResemblesAFormWordIsKept() {
    assertThat(n.normalize("Compact Systems").tokens()).containsExactly("compact", "system");
  }

  @Test
  void arabicNameSpellingsShareOneForm() {
    assertThat(n.normalize("Mohammed Yousef Hussein").tokens())
        .isEqualTo(n.normalize("Muhammad Yusuf Husayn").tokens());
  }

  @Test
  void lettersKeepEveryWordSoAMovedSpaceComparesEqual() {
    assertThat(n.normalize("SHIPPIN GLTD").letters()).isEqualTo(n.normalize("Shipping Ltd.").letters());
  }
}
