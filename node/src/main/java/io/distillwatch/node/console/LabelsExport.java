package io.distillwatch.node.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.node.store.ConsoleStore.Decision;
import io.distillwatch.util.Times;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Analysts' decisions as labels (DESIGN §7): one JSON line per account,
 * {@code {"account","label","decided_at","by","reason"}}, sorted by account. An account's latest
 * decision counts; a cluster's decision applies to each of its members as of export time, unless the
 * member has a later decision of its own. {@code confirmed_distillation} is {@code distillation},
 * {@code false_positive} is {@code benign}; {@code needs_more_data} gives no label (and withdraws an
 * earlier one).
 */
public final class LabelsExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelsExport() {}

  /** @param members a cluster's member accounts */
  public static String jsonl(List<Decision> decisions, Function<String, List<String>> members) {
    Map<String, Decision> latest = new TreeMap<>();
    for (Decision d : decisions) { // oldest first: later ones overwrite
      if ("cluster".equals(d.kind())) {
        for (String account : members.apply(d.id())) {
          latest.put(account, d);
        }
      } else {
        latest.put(d.id(), d);
      }
    }
    StringBuilder out = new StringBuilder();
    latest.forEach((account, d) -> {
      String label = switch (d.decision()) {
        case "confirmed_distillation" -> "distillation";
        case "false_positive" -> "benign";
        default -> null;
      };
      if (label != null) {
        ObjectNode o = JSON.createObjectNode().put("account", account).put("label", label)
            .put("decided_at", Times.format(d.decidedMs())).put("by", d.by())
            .put("reason", "cluster".equals(d.kind()) ? "cluster " + d.id() + ": " + d.reason() : d.reason());
        out.append(o).append('\n');
      }
    });
    return out.toString();
  }
}
