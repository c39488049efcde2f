package io.distillwatch.hub.store;

import java.util.List;

/**
 * Filters of a TAXII object, manifest or versions request.
 *
 * @param addedAfterMicros only versions added strictly after this (epoch µs), or null
 * @param afterSeq paging cursor: only versions after this sequence number, or null
 * @param ids match[id] (empty: any)
 * @param types match[type] (empty: any)
 * @param versions match[version]: "last", "first", "all" or version timestamps (as epoch ns)
 * @param lastVersions whether "last" was requested
 * @param firstVersions whether "first" was requested
 * @param allVersions whether "all" was requested
 * @param specVersions match[spec_version] (empty: any)
 * @param limit page size
 */
public record Query(
    Long addedAfterMicros,
    Long afterSeq,
    List<String> ids,
    List<String> types,
    List<Long> versions,
    boolean lastVersions,
    boolean firstVersions,
    boolean allVersions,
    List<String> specVersions,
    int limit) {

  /** Latest version of everything, first page of {@code limit}. */
  public static Query latest(int limit) {
    return new Query(null, null, List.of(), List.of(), List.of(), true, false, false, List.of(), limit);
  }

  public Query withAfterSeq(Long seq) {
    return new Query(addedAfterMicros, seq, ids, types, versions, lastVersions, firstVersions, allVersions,
        specVersions, limit);
  }
}
