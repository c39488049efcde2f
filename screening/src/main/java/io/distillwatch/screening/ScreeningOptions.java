package io.distillwatch.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Matching thresholds and limits. Defaults (from {@code screening-defaults.properties}): match
 * 0.92, review 0.80, token Jaro–Winkler 0.88, compact similarity 0.90, country bonus +0.03 and
 * penalty −0.05, short names ≤ 4 characters capped at review, 30 candidates per name, index keys
 * shared by more than 1500 names not used for candidate search. Immutable; "with" methods copy.
 */
public final class ScreeningOptions {
  final double matchThreshold;
  final double reviewThreshold;
  final double tokenSimilarityMin;
  final double compactSimilarityMin;
  final double countryBonus;
  final double countryPenalty;
  final int shortNameChars;
  final int maxCandidates;
  final int maxPostings;
  final String listDate;
  final OwnershipPolicy policy;

  private ScreeningOptions(Properties p, String listDate, OwnershipPolicy policy) {
    this.matchThreshold = dbl(p, "match_threshold");
    this.reviewThreshold = dbl(p, "review_threshold");
    this.tokenSimilarityMin = dbl(p, "token_similarity_min");
    this.compactSimilarityMin = dbl(p, "compact_similarity_min");
    this.countryBonus = dbl(p, "country_bonus");
    this.countryPenalty = dbl(p, "country_penalty");
    this.shortNameChars = (int) dbl(p, "short_name_chars");
    this.maxCandidates = (int) dbl(p, "max_candidates");
    this.maxPostings = (int) dbl(p, "max_postings");
    if (!(reviewThreshold > 0 && reviewThreshold <= matchThreshold && matchThreshold <= 1)) {
      throw new IllegalArgumentException(
          "thresholds must satisfy 0 < review_threshold <= match_threshold <= 1, got review="
              + reviewThreshold + " match=" + matchThreshold);
    }
    if (maxCandidates < 1 || maxPostings < 1) {
      throw new IllegalArgumentException("max_candidates and max_postings must be >= 1");
    }
    this.listDate = listDate;
    this.policy = policy;
    this.properties = p;
  }

  private final Properties properties;

  /** The defaults, no list date override, the default (inactive jurisdiction) policy. */
  public static ScreeningOptions defaults() {
    return new ScreeningOptions(defaultProperties(), null, OwnershipPolicy.defaults());
  }

  /** Defaults overridden by the keys present in a properties file. */
  public static ScreeningOptions fromFile(Path file) throws IOException {
    Properties p = defaultProperties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    for (String key : p.stringPropertyNames()) {
      if (!defaultProperties().containsKey(key)) {
        throw new IllegalArgumentException(file + ": unknown key " + key);
      }
    }
    return new ScreeningOptions(p, null, OwnershipPolicy.defaults());
  }

  /** Overrides one threshold or limit by its properties key (e.g. "review_threshold"). */
  public ScreeningOptions with(String key, String value) {
    if (!properties.containsKey(key)) {
      throw new IllegalArgumentException("unknown key " + key);
    }
    Properties p = new Properties();
    p.putAll(properties);
    p.setProperty(key, value);
    return new ScreeningOptions(p, listDate, policy);
  }

  /** The date (yyyy-MM-dd) for lists whose file states none; null: file modification date. */
  public ScreeningOptions withListDate(String date) {
    if (date != null && !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException("list date must be yyyy-MM-dd, got " + date);
    }
    return new ScreeningOptions(properties, date, policy);
  }

  public ScreeningOptions withPolicy(OwnershipPolicy policy) {
    return new ScreeningOptions(properties, listDate, policy);
  }

  public double matchThreshold() {
    return matchThreshold;
  }

  public double reviewThreshold() {
    return reviewThreshold;
  }

  public OwnershipPolicy policy() {
    return policy;
  }

  public String listDate() {
    return listDate;
  }

  private static Properties defaultProperties() {
    Properties p = new Properties();
    try (InputStream in =
        ScreeningOptions.class.getResourceAsStream("screening-defaults.properties")) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("screening-defaults.properties missing from the jar", e);
    }
    return p;
  }

  private static double dbl(Properties p, String key) {
    String v = p.getProperty(key);
    try {
      return Double.parseDouble(v.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + " must be a number, got " + v, e);
    }
  }
}
