package io.distillwatch.node.store;

/** A verdict change as read back from the store. */
public record StoredChange(
    String kind, String id, long seq, String from, String to, double score, long atMillis, String signals) {}
