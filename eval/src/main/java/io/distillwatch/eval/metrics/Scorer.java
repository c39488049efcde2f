package io.distillwatch.eval.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores scan outputs against a truth file and computes the baselines from the events: the entry point
 * behind {@code distillwatch eval}. Writes {@code metrics.json} and {@code metrics.md}.
 */
public final class Scorer {
  public static final String METRICS_JSON = "metrics.json";
  public static final String METRICS_MD = "metrics.md";

  private Scorer() {}

  /**
   * @param scans labelled scan output directories, the detector first (then ablations)
   * @param events event files for request counts and baselines; empty leaves both out
   */
  public static MetricsReport score(Path truthFile, List<Map.Entry<String, Path>> scans, List<Path> events)
      throws IOException {
    Truth truth = Truth.load(truthFile);
    String split = new ObjectMapper().readTree(truthFile.toFile()).path("split").asText("unknown");
    AccountActivity activity = events.isEmpty() ? null : AccountActivity.read(events.toArray(Path[]::new));
    List<MethodResult> methods = new ArrayList<>();
    for (Map.Entry<String, Path> s : scans) {
      methods.add(DetectionMetrics.score(truth, ScanOutputReader.read(s.getKey(), s.getValue()), activity));
    }
    List<MethodResult> baselines = new ArrayList<>();
    if (activity != null) {
      for (Detection b : Baselines.all(truth, activity)) {
        baselines.add(DetectionMetrics.score(truth, b, activity));
      }
    }
    return new MetricsReport(split, methods, baselines);
  }

  public static void write(MetricsReport report, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    MetricsReport.mapper().writeValue(outDir.resolve(METRICS_JSON).toFile(), report.toJson());
    Files.writeString(outDir.resolve(METRICS_MD), report.toMarkdown(), StandardCharsets.UTF_8);
  }
}
