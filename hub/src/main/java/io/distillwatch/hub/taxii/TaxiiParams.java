package io.distillwatch.hub.taxii;

import io.distillwatch.hub.store.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns TAXII 2.1 query parameters ({@code added_after}, {@code limit}, {@code next}, {@code
 * match[id|type|version|spec_version]}, comma-separated) into a store {@link Query}; anything
 * malformed is a 400.
 */
public final class TaxiiParams {

  private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9-]{1,249}$");
  private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]+--[0-9a-fA-F-]{36}$");
  private static final int MAX_VALUES = 100;
  private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,1000}$");

  private TaxiiParams() {}

  /**
   * @param defaultVersion "last" for objects and manifest, "all" for versions and delete
   */
  public static Query parse(Map<String, List<String>> params, int maxPage, String defaultVersion) {
    Long addedAfter = null;
    String aa = single(params, "added_after");
    if (aa != null) {
      Instant t = TaxiiTime.parse(aa);
      if (t == null) {
        throw TaxiiException.badRequest("bad-parameter", "added_after must be an RFC 3339 UTC timestamp");
      }
      addedAfter = TaxiiTime.micros(t);
    }
    int limit = maxPage;
    String l = single(params, "limit");
    if (l != null) {
      // any positive integer, however large, is capped at the page size; anything else is a 400
      if (!DIGITS.matcher(l).matches() || l.chars().allMatch(c -> c == '0')) {
        throw TaxiiException.badRequest("bad-parameter", "limit must be a positive integer");
      }
      String significant = l.replaceFirst("^0+", "");
      limit = significant.length() > 9 ? maxPage : Math.min(Integer.parseInt(significant), maxPage);
    }
    Long next = null;
    String n = single(params, "next");
    if (n != null) {
      try {
        next = Long.parseLong(n);
      } catch (NumberFormatException e) {
        next = 0L;
      }
      if (next < 1 || !DIGITS.matcher(n).matches()) { // the server issues sequence numbers from 1
        throw TaxiiException.badRequest("bad-parameter", "next is not a value this server issued");
      }
    }
    List<String> ids = values(params, "match[id]");
    ids.forEach(id -> require(ID.matcher(id).matches(), "match[id] must hold STIX identifiers"));
    List<String> types = values(params, "match[type]");
    types.forEach(t -> require(TYPE.matcher(t).matches(), "match[type] must hold STIX type names"));
    List<String> specVersions = values(params, "match[spec_version]");
    specVersions.forEach(v -> require(v.matches("^[0-9]\\.[0-9]$"), "match[spec_version] must be like 2.1"));
    List<String> versionValues = values(params, "match[version]");
    if (versionValues.isEmpty()) {
      versionValues = List.of(defaultVersion);
    }
    boolean last = false;
    boolean first = false;
    boolean all = false;
    List<Long> versions = new ArrayList<>();
    for (String v : versionValues) {
      switch (v) {
        case "last" -> last = true;
        case "first" -> first = true;
        case "all" -> all = true;
        default -> {
          Instant t = TaxiiTime.parse(v);
          require(t != null, "match[version] must be first, last, all or a timestamp");
          versions.add(TaxiiTime.nanos(t));
        }
      }
    }
    return new Query(addedAfter, next, ids, types, versions, last, first, all, specVersions, limit);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw TaxiiException.badRequest("bad-parameter", message);
    }
  }

  private static String single(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      throw TaxiiException.badRequest("bad-parameter", name + " given more than once");
    }
    return v.get(0);
  }

  private static List<String> values(Map<String, List<String>> params, String name) {
    List<String> out = new ArrayList<>();
    for (String v : params.getOrDefault(name, List.of())) {
      Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    if (out.size() > MAX_VALUES) {
      throw TaxiiException.badRequest("bad-parameter", name + " lists more than " + MAX_VALUES + " values");
    }
    return out;
  }
}
