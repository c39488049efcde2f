package io.distillwatch.event;

/** One signal in a verdict's evidence (DESIGN §3, §4). */
public class Signal {
  /** Stable id, {@code family.name}. */
  public String id;
  public double value;
  /** Signed contribution to the score; dampers are negative. */
  public double contribution;
  /** A sentence a reviewer can check against the traffic. */
  public String evidence;

  public Signal() {}

  public Signal(String id, double value, double contribution, String evidence) {
    this.id = id;
    this.value = value;
    this.contribution = contribution;
    this.evidence = evidence;
  }
}
