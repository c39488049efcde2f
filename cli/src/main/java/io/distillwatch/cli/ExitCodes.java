package io.distillwatch.cli;

/** Process exit codes shared by every command (DESIGN §4). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int USAGE = 2;
  public static final int INPUT_UNREADABLE = 3;

  private ExitCodes() {}
}
