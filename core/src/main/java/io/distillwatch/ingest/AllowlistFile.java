package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The allowlist ({@code --allowlist FILE}): accounts whose verdict is capped at {@code suspicious},
 * each with a reason. JSON Lines {@code {"account", "reason"}} or CSV {@code account,reason} (an
 * optional header {@code account,reason}; the reason may be quoted and hold commas), optionally
 * gzipped; both may be mixed. Blank lines and lines starting with {@code #} are skipped. A missing
 * reason becomes {@value #NO_REASON}.
 */
public final class AllowlistFile {
  /** Reason recorded when a line gives none. */
  public static final String NO_REASON = "listed without a reason";

  private AllowlistFile() {}

  /**
   * @return account to reason, in file order
   * @throws IllegalArgumentException naming the file and line when a line is malformed: an allowlist
   *     is configuration, and a silently skipped entry would flag a vetted customer
   * @throws InputUnreadableException when the file cannot be read
   */
  public static Map<String, String> load(Path path) {
    LoadedFile<String> f = loadLenient(path);
    if (!f.rejections().isEmpty()) {
      Rejection r = f.rejections().get(0);
      throw new IllegalArgumentException(
          "allowlist " + r.file + " line " + r.line + ": " + r.detail
              + (f.rejections().size() > 1 ? " (and " + (f.rejections().size() - 1) + " more bad lines)" : ""));
    }
    return new LinkedHashMap<>(f.entries());
  }

  /** Like {@link #load} but returns bad lines as rejections instead of failing. */
  public static LoadedFile<String> loadLenient(Path path) {
    return SideFiles.load(path, AllowlistFile::mapJson, AllowlistFile::mapCsv);
  }

  private static Map.Entry<String, String> mapJson(JsonNode o, Values val) {
    String account = Values.requiredAccount(o.get("account"), "account");
    JsonNode r = o.get("reason");
    if (!Values.absent(r) && !r.isTextual()) {
      throw new Reject(RejectReason.INVALID_FIELD, "reason must be a string, got " + Values.kind(r));
    }
    String reason = Values.absent(r) || r.textValue().isBlank() ? NO_REASON : r.textValue().trim();
    return Map.entry(account, reason);
  }

  private static Map.Entry<String, String> mapCsv(String line, long lineNo) {
    List<String> cells = splitCsv(line);
    if (cells == null) {
      throw new Reject(RejectReason.INVALID_FIELD, "malformed CSV (unbalanced quotes)");
    }
    String account = cells.get(0).trim();
    if (account.equalsIgnoreCase("account")) {
      return null; // header
    }
    if (account.isEmpty()) {
      throw new Reject(RejectReason.MISSING_FIELD, "account is empty");
    }
    String reason = cells.size() > 1 ? String.join(",", cells.subList(1, cells.size())).trim() : "";
    return Map.entry(account, reason.isEmpty() ? NO_REASON : reason);
  }

  /** RFC 4180 cells of one line; null when quotes do not balance. */
  static List<String> splitCsv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    cells.add(cur.toString());
    return cells;
  }
}
