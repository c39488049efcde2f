package io.distillwatch.detect;

import io.distillwatch.event.Verdict;

/** A score in [0,1] and the verdict it maps to. */
public record Assessment(double score, Verdict verdict) {}
