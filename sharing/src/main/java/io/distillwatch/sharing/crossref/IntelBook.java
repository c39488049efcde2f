package io.distillwatch.sharing.crossref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.sharing.stix.StixExtensions;
import io.distillwatch.template.TemplateSketch;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What other members shared, as pulled from the hub: cross-reference indicators hash-indexed by
 * (kind, key id, value), campaigns' keyed template sketches, sightings with their basis and
 * {@code disagree} opinions. Gives each indicator its weight (docs/crossref.md):
 *
 * <pre>
 *   weight = kind weight × corroboration × agreement × decay
 *   corroboration = min(2, 1 + 0.5 (n − 1)),  n = distinct members whose own detection sighted it
 *                   (its creator and every sighting with basis "detection"; "match" sightings do not count)
 *   agreement     = n / (n + d),               d = distinct members that disagree (opinion)
 *   decay         = 0.5 ^ (age / half-life),   age since the last own-detection sighting (or creation)
 * </pre>
 */
public final class IntelBook {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One indicator and what members said about it. */
  public static final class Entry {
    final String id;
    final Identifier kind;
    final int keyId;
    final String value;
    final String creator;
    final Set<String> detection = new TreeSet<>();
    final Set<String> disagree = new TreeSet<>();
    Instant lastDetection;
    TemplateSketch sketch;

    Entry(String id, Identifier kind, int keyId, String value, String creator, Instant created) {
      this.id = id;
      this.kind = kind;
      this.keyId = keyId;
      this.value = value;
      this.creator = creator;
      this.lastDetection = created;
      detection.add(creator);
    }

    public String id() {
      return id;
    }

    public Identifier kind() {
      return kind;
    }

    /** Distinct members whose own detection sighted the indicator. */
    public int corroboratingMembers() {
      return detection.size();
    }

    public int disagreeingMembers() {
      return (int) disagree.stream().filter(m -> !detection.contains(m)).count();
    }

    public Instant lastDetection() {
      return lastDetection;
    }

    public double weight(Instant now, Duration halfLife) {
      int n = corroboratingMembers();
      double corroboration = Math.min(2.0, 1 + 0.5 * (n - 1));
      double agreement = n / (double) (n + disagreeingMembers());
      double ageDays = Math.max(0, Duration.between(lastDetection, now).toMillis()) / 86_400_000.0;
      double decay = Math.pow(0.5, ageDays / Math.max(1e-9, halfLife.toMillis() / 86_400_000.0));
      return kind.matchWeight() * corroboration * agreement * decay;
    }
  }

  private final Map<String, Entry> byIndexKey = new HashMap<>();
  private final Map<String, Entry> byId = new HashMap<>();
  private final List<Entry> sketches = new ArrayList<>();

  private IntelBook() {}

  public static IntelBook empty() {
    return new IntelBook();
  }

  /**
   * Reads every {@code *.json} (a bundle, a TAXII envelope or one object) and {@code *.jsonl} (one
   * object per line) file of {@code dir}. Objects created by {@code excludeCreators} (this node) are
   * left out: a node does not match its own indicators. Unreadable lines are skipped.
   */
  public static IntelBook load(Path dir, Set<String> excludeCreators) throws IOException {
    Map<String, JsonNode> latest = new HashMap<>();
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).sorted().toList();
      }
      for (Path f : files) {
        for (JsonNode o : read(f)) {
          String id = o.path("id").asText("");
          JsonNode prev = latest.get(id);
          if (!id.isEmpty() && (prev == null || o.path("modified").asText("").compareTo(prev.path("modified").asText("")) >= 0)) {
            latest.put(id, o);
          }
        }
      }
    }
    return of(latest.values(), excludeCreators);
  }

  /** A book of the given STIX objects (latest versions). */
  public static IntelBook of(Collection<JsonNode> objects, Set<String> excludeCreators) {
    IntelBook b = new IntelBook();
    for (JsonNode o : objects) {
      String creator = o.path("created_by_ref").asText("");
      if (excludeCreators.contains(creator)) {
        continue;
      }
      switch (o.path("type").asText("")) {
        case "indicator" -> b.addIndicator(o, creator);
        case "campaign" -> b.addSketches(o, creator);
        case "crossref.match" -> b.addPsiMatch(o);
        default -> { }
      }
    }
    for (JsonNode o : objects) {
      String creator = o.path("created_by_ref").asText("");
      if ("sighting".equals(o.path("type").asText(""))) {
        Entry e = b.byId.get(o.path("sighting_of_ref").asText(""));
        String basis = o.path("extensions").path(CrossrefIndicators.EXTENSION_ID).path("basis").asText("");
        if (e != null && CrossrefIndicators.BASIS_DETECTION.equals(basis)) {
          e.detection.add(creator);
          Instant last = instant(o.path("last_seen").asText(o.path("modified").asText("")));
          if (last != null && last.isAfter(e.lastDetection)) {
            e.lastDetection = last;
          }
        }
      } else if ("opinion".equals(o.path("type").asText("")) && o.path("opinion").asText("").endsWith("disagree")) {
        for (JsonNode ref : o.path("object_refs")) {
          Entry e = b.byId.get(ref.asText(""));
          if (e != null) {
            e.disagree.add(creator);
          }
        }
      }
    }
    return b;
  }

  private void addIndicator(JsonNode o, String creator) {
    JsonNode x = o.path("extensions").path(CrossrefIndicators.EXTENSION_ID);
    Identifier kind;
    try {
      kind = Identifier.fromWire(x.path("kind").asText(""));
    } catch (IllegalArgumentException e) {
      return;
    }
    if (kind.disclosure() != Disclosure.CLEAR && kind.disclosure() != Disclosure.BLINDED) {
      return;
    }
    Instant created = instant(o.path("valid_from").asText(o.path("created").asText("")));
    if (created == null) {
      return;
    }
    int keyId = (int) x.path("key_id").asLong(0);
    Entry e = new Entry(o.path("id").asText(), kind, keyId, x.path("value").asText(""), creator, created);
    byId.put(e.id, e);
    byIndexKey.putIfAbsent(indexKey(kind, keyId, e.value), e);
  }

  private void addSketches(JsonNode o, String creator) {
    Instant created = instant(o.path("first_seen").asText(o.path("created").asText("")));
    Instant modified = instant(o.path("modified").asText(""));
    for (JsonNode s : o.path("extensions").path(StixExtensions.DISTILLATION_ID).path("template_sketch")) {
      try {
        TemplateSketch t = TemplateSketch.fromBytes(Base64.getDecoder().decode(s.asText("")));
        if (t.isKeyed() && created != null) {
          Entry e = new Entry(o.path("id").asText(), Identifier.TEMPLATE_SKETCH, t.keyId(), s.asText(), creator,
              modified != null && modified.isAfter(created) ? modified : created);
          e.sketch = t;
          byId.putIfAbsent(e.id, e);
          sketches.add(e);
        }
      } catch (IllegalArgumentException bad) {
        // not a sketch: skipped
      }
    }
  }

  /**
   * A PSI result line ({@code distillwatch psi}, docs/wire-formats.md "PSI evidence"): one of this
   * node's own items that a peer also holds among its flagged ones. It stays local (raw value) and is
   * matched like an indicator; the peer counts as one corroborating member.
   */
  private void addPsiMatch(JsonNode o) {
    if (!"psi".equals(o.path("source").asText(""))) {
      return;
    }
    Identifier kind = switch (o.path("kind").asText("")) {
      case "ip" -> Identifier.IP_ADDRESS;
      case "email" -> Identifier.EMAIL_ADDRESS;
      case "card", "payment", "payment_fp" -> Identifier.PAYMENT_FINGERPRINT;
      default -> null;
    };
    Instant at = instant(o.path("at").asText(""));
    String value = psiValue(kind, o.path("value").asText(""));
    if (kind == null || at == null || value == null) {
      return;
    }
    String peer = o.path("peer").asText("peer");
    String key = "psi:" + indexKey(kind, 0, value);
    Entry e = byIndexKey.get(key);
    if (e == null) {
      e = new Entry("psi:" + kind.wireName() + ":" + o.path("session").asText("").replaceAll("[^A-Za-z0-9-]", ""),
          kind, 0, value, peer, at);
      byIndexKey.put(key, e);
      byId.put(e.id, e);
    }
    e.detection.add(peer);
    if (at.isAfter(e.lastDetection)) {
      e.lastDetection = at;
    }
  }

  /** The value of a local item in the form PSI compared it (ip canonical, e-mail lower case, others as written). */
  static String psiValue(Identifier kind, String raw) {
    if (kind == null || raw == null || raw.isBlank()) {
      return null;
    }
    String v = java.text.Normalizer.normalize(raw, java.text.Normalizer.Form.NFC).strip();
    try {
      return switch (kind) {
        case IP_ADDRESS -> Normalization.normalize(Identifier.IP_ADDRESS, v);
        case EMAIL_ADDRESS -> v.toLowerCase(java.util.Locale.ROOT);
        default -> v;
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The PSI result for one of this node's own items, or null. */
  public Entry lookupPsi(Identifier kind, String raw) {
    String v = psiValue(kind, raw);
    return v == null ? null : byIndexKey.get("psi:" + indexKey(kind, 0, v));
  }

  static String indexKey(Identifier kind, int keyId, String value) {
    return kind.wireName() + ":" + (kind.disclosure() == Disclosure.BLINDED ? Integer.toUnsignedString(keyId) : "")
        + ":" + value;
  }

  /** The indicator with this clear or blinded value, or null (a hash lookup). */
  public Entry lookup(Identifier kind, int keyId, String value) {
    return byIndexKey.get(indexKey(kind, keyId, value));
  }

  public Entry byId(String id) {
    return byId.get(id);
  }

  /** Campaign template sketches (one entry per sketch). */
  public List<Entry> sketches() {
    return sketches;
  }

  public TemplateSketch sketchOf(Entry e) {
    return e.sketch;
  }

  /** Key ids of the blinded indicators and sketches in the book, per kind. */
  public Set<Integer> keyIds(Identifier kind) {
    Set<Integer> out = new TreeSet<>();
    for (Entry e : byIndexKey.values()) {
      if (e.kind == kind) {
        out.add(e.keyId);
      }
    }
    if (kind == Identifier.TEMPLATE_SKETCH) {
      sketches.forEach(e -> out.add(e.keyId));
    }
    return out;
  }

  public int size() {
    return byIndexKey.size() + sketches.size();
  }

  private static List<JsonNode> read(Path f) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      if (f.toString().endsWith(".jsonl")) {
        String line;
        while ((line = r.readLine()) != null) {
          addParsed(line, out);
        }
      } else {
        StringBuilder sb = new StringBuilder();
        r.lines().forEach(l -> sb.append(l).append('\n'));
        addParsed(sb.toString(), out);
      }
    } catch (IOException e) {
      // an unreadable file is skipped; the next pull rewrites it
    }
    return out;
  }

  private static void addParsed(String text, List<JsonNode> out) {
    if (text.isBlank()) {
      return;
    }
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && n.path("objects").isArray()) {
        n.path("objects").forEach(out::add);
      } else if (n != null && n.isObject()) {
        out.add(n);
      }
    } catch (IOException malformed) {
      // skipped
    }
  }

  private static Instant instant(String s) {
    try {
      return s == null || s.isEmpty() ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
