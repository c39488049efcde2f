package io.distillwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.eval.corpus.PromptPools;
import io.distillwatch.eval.corpus.SourceSplit;
import io.distillwatch.eval.net.NetworkPlan;
import io.distillwatch.eval.sim.SimConfig;
import io.distillwatch.eval.sim.Simulator;
import io.distillwatch.eval.sim.Variant;
import java.util.ArrayList;
import java.util.List;
import io.distillwatch.util.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch simulate}: labelled API traffic from real prompt pools (docs/evaluation.md). */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate labelled API traffic (benign populations and distillation campaigns a-k) from the real prompt",
      "pools and IP data in --corpus. Writes events.jsonl.gz, accounts.jsonl, models.jsonl, truth.json and",
      "simulation.json to --out. Same seed and data give the same bytes.",
      "Exit codes: 0 done, 2 usage error, 3 input unreadable."
    })
public final class SimulateCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int USAGE = 2;
  static final int UNREADABLE = 3;

  @Option(names = "--corpus", paramLabel = "DIR",
      description = "Evaluation data folder holding corpus/ and ipintel/ (default: ../shared/data, found upwards).")
  Path corpus;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(names = "--seed", defaultValue = "" + SimConfig.DEFAULT_SEED, description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--scale", defaultValue = "" + SimConfig.DEFAULT_SCALE,
      description = "Multiplies every population's account count (default: ${DEFAULT-VALUE}, ~0.3-0.4 M events).")
  double scale;

  @Option(names = "--days", defaultValue = "" + SimConfig.DEFAULT_DAYS, description = "Simulated days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--split", defaultValue = "tuning",
      description = "Prompt sources: tuning, heldout or all (default: ${DEFAULT-VALUE}; DESIGN §7).")
  String split;

  @Option(names = "--heldout-sources", paramLabel = "SRC[,SRC...]",
      description = "Source families held out instead of DESIGN §7's default set.")
  String heldoutSources;

  @Option(names = "--variants", defaultValue = "0", paramLabel = "N",
      description = "Write N randomised variants (variant-01 ... under --out), each population's parameters drawn"
          + " from the documented ranges (docs/evaluation.md); 0 = the frozen envelope (default).")
  int variants;

  @Override
  public Integer call() {
    if (variants < 0) {
      System.err.println("distillwatch simulate: --variants must be at least 0");
      return USAGE;
    }
    SimConfig cfg;
    try {
      cfg = new SimConfig(seed, scale, days, SourceSplit.of(SourceSplit.Side.parse(split), heldoutSources));
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch simulate: " + e.getMessage());
      return USAGE;
    }
    Path data = resolveCorpus(corpus);
    if (data == null) {
      System.err.println("distillwatch simulate: no --corpus given and " + SharedData.missingMessage());
      return UNREADABLE;
    }
    try {
      if (variants > 0) {
        for (int i = 1; i <= variants; i++) {
          Path dir = out.resolve(variantDir(i));
          Result r = run(variant(cfg, data, i), data, dir);
          System.out.printf(Locale.ROOT, "variant %d: %,d events, %,d accounts in %.1f s -> %s%n", i, r.events,
              r.accounts, r.seconds, dir);
        }
        return OK;
      }
      Result r = run(cfg, data, out);
      System.out.printf(Locale.ROOT, "%,d events, %,d accounts (%s split, seed %d, scale %s, %d days) in %.1f s -> %s%n",
          r.events, r.accounts, cfg.split().side().label(), seed, scale, days, r.seconds, out);
      System.out.print(describe(out));
      return OK;
    } catch (IOException | IllegalStateException e) {
      System.err.println("distillwatch simulate: " + e.getMessage());
      return UNREADABLE;
    }
  }

  /** What one simulation produced. */
  record Result(int events, int accounts, double seconds) {}

  static Path resolveCorpus(Path given) {
    if (given != null) {
      return given;
    }
    return SharedData.locate().orElse(null);
  }

  static String variantDir(int i) {
    return String.format(Locale.ROOT, "variant-%02d", i);
  }

  /** The config of variant {@code i} of {@code base}'s seed, drawn over the attack families of its split. */
  static SimConfig variant(SimConfig base, Path data, int i) throws IOException {
    List<String> families = new ArrayList<>(PromptPools.load(data, base.split()).byFamily("attack").keySet());
    return new SimConfig(base.seed(), base.scale(), base.days(), base.split(), Variant.draw(base.seed(), i, families));
  }

  /** Loads the pools and IP data from {@code data} and writes one simulation into {@code out}. */
  static Result run(SimConfig cfg, Path data, Path out) throws IOException {
    long t0 = System.nanoTime();
    if (!Files.isDirectory(data)) {
      throw new IOException("not a directory: " + data);
    }
    PromptPools pools = PromptPools.load(data, cfg.split());
    Path ipintel = Files.isDirectory(data.resolve("ipintel")) ? data.resolve("ipintel") : data;
    NetworkPlan net = NetworkPlan.load(ipintel);
    Simulator.Traffic t = new Simulator(cfg, pools, net).run(out);
    return new Result(t.eventCount(), t.truth().size(), (System.nanoTime() - t0) / 1e9);
  }

  /** The per-population volumes written to simulation.json, one line each. */
  static String describe(Path out) throws IOException {
    JsonNode stats = new ObjectMapper().readTree(out.resolve(Simulator.STATS).toFile());
    StringBuilder sb = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = stats.path("populations").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      sb.append(String.format(Locale.ROOT, "  %-24s %,9d events, mean uses per prompt %.1f%n", e.getKey(),
          e.getValue().path("events").asLong(), e.getValue().path("mean_uses_per_prompt").asDouble()));
    }
    return sb.toString();
  }
}
