package io.distillwatch.sharing.stix;

import java.util.List;

/**
 * Campaign profile carried in the distillation extension: nothing here names a customer.
 *
 * @param capabilitiesTargeted e.g. {@code reasoning}, {@code code}, {@code agentic-tool-use}
 * @param accounts number of accounts involved (a count, never ids)
 * @param events total requests seen
 * @param activeHours hours from the first to the last request (traffic time), rounded up
 * @param signals signal ids that fired (ids only: evidence sentences stay home)
 * @param score detection score in [0,1]
 * @param releasePivot whether traffic moved to a newly released model within hours
 */
public record DistillationProfile(
    List<String> capabilitiesTargeted,
    long accounts,
    long events,
    long activeHours,
    List<String> signals,
    double score,
    boolean releasePivot) {}
