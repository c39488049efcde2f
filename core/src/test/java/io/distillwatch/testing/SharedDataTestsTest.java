package io.distillwatch.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.util.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTestsTest {
  @TempDir Path dir;
  private String data;
  private String require;

  @BeforeEach
  void remember() {
    data = System.getProperty(SharedData.PROPERTY);
    require = System.getProperty(SharedDataTests.REQUIRE);
  }

  @AfterEach
  void restore() {
    set(SharedData.PROPERTY, data);
    set(SharedDataTests.REQUIRE, require);
  }

  @Test
  void aWrongDataPathSkipsNamingThePathWithoutTheSwitch() {
    System.setProperty(SharedData.PROPERTY, dir.resolve("nope").toString());
    System.clearProperty(SharedDataTests.REQUIRE);

    assertThatThrownBy(SharedDataTests::require).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining(dir.resolve("nope").toString()).hasMessageContaining("not a directory");
  }

  @Test
  void aWrongDataPathFailsNamingThePathWithTheSwitch() {
    System.setProperty(SharedData.PROPERTY, dir.resolve("nope").toString());
    System.setProperty(SharedDataTests.REQUIRE, "true");

    assertThatThrownBy(SharedDataTests::require).isInstanceOf(AssertionError.class)
        .hasMessageContaining(dir.resolve("nope").toString());
  }

  @Test
  void aMissingFileInsideTheDataFailsNamingItWithTheSwitch() {
    System.setProperty(SharedData.PROPERTY, dir.toString());
    System.setProperty(SharedDataTests.REQUIRE, "true");

    assertThatThrownBy(() -> SharedDataTests.require("corpus/attack.jsonl.gz")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("corpus/attack.jsonl.gz");
  }

  private static void set(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
