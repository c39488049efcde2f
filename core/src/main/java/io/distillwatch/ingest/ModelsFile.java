package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.event.RejectReason;
import java.nio.file.Path;
import java.util.Map;

/**
 * The models file (DESIGN §2): JSON Lines {@code {"model", "released_at", "max_output_tokens"}},
 * optionally gzipped. {@code model} is required; the others are optional and dropped when invalid.
 */
public final class ModelsFile {
  private ModelsFile() {}

  /** @throws InputUnreadableException when the file cannot be read */
  public static LoadedFile<ModelInfo> load(Path path) {
    return SideFiles.load(path, ModelsFile::map, null);
  }

  /** The shipped table of common models' public output limits, each line with its {@code source}. */
  static final String SHIPPED = "/io/distillwatch/ingest/models.jsonl";

  /**
   * The models table shipped in the jar (public output limits of common models, with sources), used
   * unless {@code --models FILE} is given (DESIGN §2).
   */
  public static LoadedFile<ModelInfo> loadShipped() {
    return SideFiles.load("shipped models table", () -> {
      java.io.InputStream in = ModelsFile.class.getResourceAsStream(SHIPPED);
      if (in == null) {
        throw new java.io.IOException("shipped models table missing from the jar (" + SHIPPED + ")");
      }
      return in;
    }, ModelsFile::map, null);
  }

  private static Map.Entry<String, ModelInfo> map(JsonNode o, Values val) {
    JsonNode m = o.get("model");
    if (Values.absent(m)) {
      throw new Reject(RejectReason.MISSING_FIELD, "missing model");
    }
    if (!m.isTextual()) {
      throw new Reject(RejectReason.INVALID_FIELD, "model must be a string, got " + Values.kind(m));
    }
    if (m.textValue().isBlank()) {
      throw new Reject(RejectReason.MISSING_FIELD, "model is empty");
    }
    ModelInfo info = new ModelInfo(
        m.textValue().trim(),
        SideFiles.optionalTime(o.get("released_at"), val, "released_at"),
        val.countInt(o.get("max_output_tokens"), "max_output_tokens"));
    return Map.entry(info.model, info);
  }
}
