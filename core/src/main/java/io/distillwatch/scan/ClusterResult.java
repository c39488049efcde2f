package io.distillwatch.scan;

import io.distillwatch.event.Signal;
import java.util.ArrayList;
import java.util.List;

/** A cluster of two or more linked accounts (a line of {@code clusters.jsonl}, DESIGN §4). */
public class ClusterResult {
  public String cluster;
  public List<String> accounts = new ArrayList<>();
  public double score;
  public String verdict;
  public Long firstFlaggedAt;
  public List<Link> links = new ArrayList<>();
  public String templateFingerprint;
  /** Combined accepted events of the members. */
  public long events;
  /** The signals of the members' combined traffic (for the report and member evidence). */
  public List<Signal> signals = new ArrayList<>();
  public long activityStart;
  public long activityBucketMillis;
  public int[] activity = new int[0];
  /** See {@link AccountResult#firstAtPercent}. */
  public long[] firstAtPercent;

  public ClusterResult() {}

  /** Members sharing one value, for the report's graph (not written to clusters.jsonl). */
  public List<Group> groups = new ArrayList<>();

  /** Members sharing one value of a kind. */
  public static class Group {
    public String kind;
    public String example;
    public List<String> members = new ArrayList<>();

    public Group() {}

    public Group(String kind, String example, List<String> members) {
      this.kind = kind;
      this.example = example;
      this.members = members;
    }
  }

  /** Evidence of one kind linking members: {@code count} linked account pairs. */
  public static class Link {
    public String kind;
    public long count;
    public double weight;
    public List<String> examples = new ArrayList<>();
    /** Members holding a shared value of this kind (not written to clusters.jsonl). */
    public int accounts;

    public Link() {}

    public Link(String kind, long count, double weight, List<String> examples) {
      this.kind = kind;
      this.count = count;
      this.weight = weight;
      this.examples = examples;
    }
  }
}
