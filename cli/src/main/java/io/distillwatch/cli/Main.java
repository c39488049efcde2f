package io.distillwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code distillwatch} command. Each subcommand is a small class in this package. */
@Command(
    name = "distillwatch",
    mixinStandardHelpOptions = true,
    version = "distillwatch 0.1.0",
    description = "Detect and share adversarial-distillation campaigns against LLM APIs.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      ScanCommand.class,
      NodeCommand.class,
      ScreenCommand.class,
      SimulateCommand.class,
      EvalCommand.class,
      CalibrateCommand.class,
      HubCommand.class,
      PublishCommand.class,
      PullCommand.class,
      KeygenCommand.class,
      PsiCommand.class,
      PsiBenchCommand.class,
      BenchCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    // Jetty and Flink leave non-daemon threads behind; a CLI run ends here.
    System.exit(code);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
