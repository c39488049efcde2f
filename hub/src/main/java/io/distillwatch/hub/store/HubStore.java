package io.distillwatch.hub.store;

import java.util.List;
import java.util.Optional;

/**
 * Where the hub keeps object versions, status resources and the audit log. Implementations must
 * make {@link #add} all-or-nothing, keep every version (the current one is the greatest {@code
 * modified}), and keep the audit log append-only.
 */
public interface HubStore extends AutoCloseable {

  /**
   * Adds versions to a collection in one transaction. An exact re-post of a stored version is
   * reported {@link Outcome#ALREADY_PRESENT} and changes nothing.
   *
   * @throws Refused (nothing stored) when a version is older than the object's current one in this
   *     collection, when the same id and version is stored with different content in any collection,
   *     or when the id belongs to another creator (the first one to store it in any collection; the
   *     ownership outlives deletion)
   */
  List<Outcome> add(String collection, String member, List<NewVersion> versions) throws Refused;

  Page query(String collection, Query query);

  /** Deletes matching versions of one object; returns how many were deleted. */
  int delete(String collection, String objectId, Query query);

  /** The creator ({@code created_by_ref}) of a stored object, if stored. */
  Optional<String> creatorOf(String collection, String objectId);

  void saveStatus(String id, String member, String json);

  Optional<StatusRecord> status(String id);

  void audit(AuditEntry entry);

  List<AuditEntry> auditLog(int limit);

  /** Number of stored versions across all collections (for tests and the benchmark). */
  long countVersions();

  @Override
  void close();

  enum Outcome {
    ADDED,
    ALREADY_PRESENT
  }

  /** A version to store; {@code body} is its canonical JSON. */
  record NewVersion(
      String objectId, String type, String specVersion, String version, long versionNanos,
      String createdBy, String body) {}

  /** A stored version as served. */
  record StoredVersion(
      long seq, String objectId, String version, String specVersion, long dateAddedMicros,
      String body) {}

  record Page(List<StoredVersion> versions, boolean more) {}

  record StatusRecord(String id, String member, String json) {}

  record AuditEntry(
      long atMicros, String member, String action, String collection, int status, String detail) {}

  /** Why {@link #add} refused an envelope. */
  final class Refused extends Exception {
    private final String code;
    private final String objectId;

    public Refused(String code, String objectId, String message) {
      super(message);
      this.code = code;
      this.objectId = objectId;
    }

    public String code() {
      return code;
    }

    public String objectId() {
      return objectId;
    }
  }
}
