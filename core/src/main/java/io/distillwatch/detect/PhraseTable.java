package io.distillwatch.detect;

import io.distillwatch.template.NormalizedPrompt;
import io.distillwatch.template.PromptNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of phrases matched on a prompt's token hashes, one lookup per token (as {@link
 * PromptFeatures}). Phrases are tokenised like prompts: words lower-cased, each CJK character a
 * token, numbers {@code {n}}. One phrase per line; {@code #} comments.
 */
final class PhraseTable {
  private final LongIntMap first = new LongIntMap(64);
  private final List<long[]> phrases = new ArrayList<>();
  private final List<Integer> next = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();

  private PhraseTable(List<String> lines) {
    PromptNormalizer normalizer = new PromptNormalizer();
    for (String line : lines) {
      String p = line.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      NormalizedPrompt n = normalizer.normalize(p);
      if (n.tokenCount() == 0) {
        continue;
      }
      long[] t = new long[n.tokenCount()];
      for (int i = 0; i < t.length; i++) {
        t[i] = n.tokenHash(i);
      }
      next.add(first.get(t[0], -1));
      phrases.add(t);
      texts.add(p);
      first.put(t[0], phrases.size() - 1);
    }
  }

  /** The table shipped as resource {@code name} beside this class. */
  static PhraseTable resource(String name) {
    try (InputStream in = PhraseTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new PhraseTable(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws IllegalArgumentException when the file cannot be read */
  static PhraseTable file(Path file) {
    try {
      return new PhraseTable(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("phrase file " + file + ": " + e.getMessage(), e);
    }
  }

  int size() {
    return phrases.size();
  }

  /** Index of the first phrase found in the prompt, or -1. */
  int find(NormalizedPrompt p) {
    int n = p.tokenCount();
    for (int i = 0; i < n; i++) {
      int idx = first.get(p.tokenHash(i), -1);
      while (idx >= 0) {
        if (matches(p, i, phrases.get(idx))) {
          return idx;
        }
        idx = next.get(idx);
      }
    }
    return -1;
  }

  String phrase(int index) {
    return texts.get(index);
  }

  private static boolean matches(NormalizedPrompt p, int i, long[] ph) {
    if (i + ph.length > p.tokenCount()) {
      return false;
    }
    for (int k = 1; k < ph.length; k++) {
      if (p.tokenHash(i + k) != ph[k]) {
        return false;
      }
    }
    return true;
  }
}
