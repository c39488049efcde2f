package io.distillwatch.detect;

/** Request counts over time for the report's chart: {@code counts[i]} covers [start + i*bucket, +bucket). */
public record Activity(long startMillis, long bucketMillis, int[] counts) {}
