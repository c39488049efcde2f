package io.distillwatch.sharing.stix;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AtlasTechniqueTest {

  @Test
  void namesMatchTheAtlasRelease() throws Exception {
    Assumptions.assumeTrue(SharedData.locate("atlas").isPresent(), SharedData.missingMessage());
    Path yaml = SharedData.locate("atlas").orElseThrow().resolve("ATLAS.yaml");
    String text = Files.readString(yaml);
    for (AtlasTechnique t : AtlasTechnique.values()) {
      assertThat(text).contains("- id: " + t.externalId() + "\n    name: " + t.displayName() + "\n");
    }
  }
}
