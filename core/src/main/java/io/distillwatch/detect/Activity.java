package io.distillwatch.detect;

/**
 * Request counts over time for the report's chart: {@code counts[i]} covers [start + i*bucket,
 * +bucket). At most 336 buckets: hourly for the first 14 days of an account's traffic, then 2-hourly,
 * 4-hourly, ... (the width doubles each time the span would need more).
 */
public record Activity(long startMillis, long bucketMillis, int[] counts) {}
