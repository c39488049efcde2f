package io.distillwatch.detect;

import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.ModelInfo;
import io.distillwatch.event.Signal;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.ipintel.IpCategory;
import io.distillwatch.ipintel.IpInfo;
import io.distillwatch.ipintel.IpIntel;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Test helpers: events, a prefix-table IP intelligence, running a detector over a sequence. */
final class Traffic {
  static final long T0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  static final long MIN = 60_000L;
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  private Traffic() {}

  static UsageEvent event(String account, long ts, String prompt) {
    UsageEvent e = new UsageEvent();
    e.account = account;
    e.ts = ts;
    e.userText = prompt;
    e.userTurns = 1;
    return e;
  }

  static UsageEvent event(String account, long ts, String prompt, Consumer<UsageEvent> tweak) {
    UsageEvent e = event(account, ts, prompt);
    tweak.accept(e);
    return e;
  }

  /** IP intelligence by /24 prefix: "10.1.2" -> categories. */
  static IpIntel intel(Map<String, IpCategory> byPrefix) {
    return ip -> {
      int dot = ip.lastIndexOf('.');
      IpCategory c = dot < 0 ? null : byPrefix.get(ip.substring(0, dot));
      return c == null
          ? new IpInfo(64500L, "EXAMPLE-ISP", "DE", EnumSet.noneOf(IpCategory.class))
          : new IpInfo(16509L, "EXAMPLE-CLOUD", "US", EnumSet.of(c));
    };
  }

  static final IpIntel INTEL =
      intel(
          Map.of(
              "203.0.113", IpCategory.DATACENTER,
              "198.18.0", IpCategory.CLOUD,
              "192.0.2", IpCategory.VPN,
              "100.64.1", IpCategory.PRIVACY_RELAY,
              "100.64.2", IpCategory.TOR_EXIT));

  static DetectionContext context(
      Map<String, AccountInfo> accounts, Map<String, ModelInfo> models, IpIntel intel) {
    return new DetectionContext(DetectionConfig.defaults(), accounts, models, intel);
  }

  static AccountState run(Detector d, List<UsageEvent> events) {
    AccountState s = d.newState(events.get(0).account);
    for (UsageEvent e : events) {
      d.update(s, e);
    }
    return s;
  }

  static Optional<Signal> signal(Detector d, AccountState s, String id) {
    return d.explain(s).stream().filter(x -> x.id.equals(id)).findFirst();
  }
}
