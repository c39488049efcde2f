package io.distillwatch.node.console;

/**
 * What the console feed writes to the store (a Flink POJO): an account's hourly counts
 * ({@code example == false}) or one example prompt in a signal's slot ({@code example == true}).
 */
public class ConsoleRow {
  public boolean example;
  public String account;
  public long hourMs;
  public long requests;
  public long inputTokens;
  public long outputTokens;
  public int models;
  public String modelNames;
  public String signal;
  public int slot;
  public String prompt;
  public long atMs;

  public ConsoleRow() {}
}
