package io.distillwatch.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.testing.GoldenFiles;
import org.junit.jupiter.api.Test;

/**
 * {@link TemplateSketch} crosses providers, so its bytes are pinned ({@code golden/template-sketch-v1.bin}):
 * a keyed sketch of a fixed prompt made today equals the one made by every earlier release with the
 * same key and seed, and reads back.
 */
class TemplateSketchGoldenTest {
  static final String PROMPT =
      "You are a world class tutor. Explain step by step how to solve: 17 * 23. Show your reasoning.";

  @Test
  void aKeyedSketchOfAFixedPromptHasTheGoldenBytes() {
    TemplateSketch sketch = new TemplateSketcher(64, 0x5eedL, 7).sketch(PROMPT);
    String name = "template-sketch-v" + TemplateSketch.VERSION + ".bin";

    GoldenFiles.assertSame(name, sketch.toBytes());

    TemplateSketch read = TemplateSketch.fromBytes(GoldenFiles.read(name));
    assertThat(read.keyId()).isEqualTo(7);
    assertThat(read.similarity(sketch)).isEqualTo(1.0);
    assertThat(read.toBytes()).isEqualTo(GoldenFiles.read(name));
  }
}
