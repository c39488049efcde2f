package io.distillwatch.cli;

import io.distillwatch.eval.calibrate.Calibration;
import io.distillwatch.eval.calibrate.Calibrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distillwatch calibrate}: fit the scorer's weights and threshold to labelled accounts (docs/evaluation.md). */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Fit the scorer's signal-group weights, context cap and distillation threshold to labelled accounts,",
      "maximising recall with every benign population's false-positive rate within the budget, and write a",
      "--config file for scan. Labels: a simulation's truth.json (--truth) or analysts' decisions (--labels",
      "labels.jsonl). Re-scores the evidence the scan recorded; verify the result with a scan.",
      "Exit codes: 0 done, 2 usage error, 3 input unreadable."
    })
public final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--scan-out", required = true, paramLabel = "DIR", description = "A scan output directory.")
  Path scanOut;

  @Option(names = "--truth", paramLabel = "FILE", description = "The simulation's truth.json.")
  Path truth;

  @Option(names = "--labels", paramLabel = "FILE", description = "Analysts' decisions (labels.jsonl, DESIGN §7).")
  Path labels;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The --config file to write (.properties).")
  Path out;

  @Option(names = "--report", paramLabel = "FILE", description = "Fit report (default: calibration.json beside --out).")
  Path report;

  @Option(names = "--leave-out", split = ",", paramLabel = "CAMPAIGN", description = "Campaigns whose accounts are left out.")
  List<String> leaveOut = new ArrayList<>();

  @Option(names = "--fpr-budget", defaultValue = "0.001", description = "Per benign population (default: ${DEFAULT-VALUE}).")
  double fprBudget;

  @Option(names = "--margin", defaultValue = "0.05",
      description = "Benign accounts must stay this far below the threshold (score units; default: ${DEFAULT-VALUE}).")
  double margin;

  @Override
  public Integer call() {
    if ((truth == null) == (labels == null)) {
      System.err.println("distillwatch calibrate: give exactly one of --truth and --labels");
      return ExitCodes.USAGE;
    }
    if (!(fprBudget >= 0 && fprBudget < 1) || !(margin >= 0 && margin < 1)) {
      System.err.println("distillwatch calibrate: --fpr-budget and --margin must be in [0, 1)");
      return ExitCodes.USAGE;
    }
    Path labelFile = truth != null ? truth : labels;
    if (!Files.isReadable(labelFile)) {
      System.err.println("distillwatch calibrate: cannot read " + labelFile);
      return ExitCodes.INPUT_UNREADABLE;
    }
    try {
      Calibration c = Calibration.fit(scanOut, labelFile, leaveOut, new Calibrator.Options(fprBudget, margin));
      c.writeConfig(out);
      Path r = report != null ? report : out.toAbsolutePath().getParent().resolve("calibration.json");
      c.writeReport(r);
      System.out.print(c.summary());
      System.out.println("config -> " + out + ", report -> " + r);
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      System.err.println("distillwatch calibrate: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (IOException e) {
      System.err.println("distillwatch calibrate: " + e.getMessage());
      return ExitCodes.INPUT_UNREADABLE;
    }
  }
}
