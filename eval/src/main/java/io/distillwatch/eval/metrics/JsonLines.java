package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSON Lines file object by object; a malformed line is an error naming the file and line. */
public final class JsonLines {
  private JsonLines() {}

  /** What is done with each line's JSON value. */
  public interface Handler {
    void accept(JsonNode node) throws IOException;
  }

  public static void forEach(ObjectMapper mapper, Path file, Handler h) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          h.accept(mapper.readTree(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IOException(file + ":" + n + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
      }
    }
  }
}
