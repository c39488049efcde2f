package io.distillwatch.sharing.stix;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.testing.SharedDataTests;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AtlasTechniqueTest {

  @Test
  void namesMatchTheAtlasRelease() throws Exception {
    Path yaml = SharedDataTests.require("atlas/ATLAS.yaml");
    String text = Files.readString(yaml);
    for (AtlasTechnique t : AtlasTechnique.values()) {
      assertThat(text).contains("- id: " + t.externalId() + "\n    name: " + t.displayName() + "\n");
    }
  }
}
