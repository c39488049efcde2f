package io.distillwatch.eval.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A randomised variant of the frozen envelope (docs/evaluation.md, "Randomised variants"): per population,
 * factors on account counts and request rates and, for campaigns, active hours, genuine traffic mixed in,
 * client libraries, infrastructure, instruction set and active window. {@link #DEFAULT} changes nothing:
 * the default evaluation is the frozen envelope itself.
 *
 * @param index the variant's number (0 = the frozen envelope)
 * @param humanHome share of humans' sessions from their home ISP (default {@link Parameters#HUMAN_HOME})
 * @param humanRelay share from Apple private relay (the rest: VPN)
 * @param populations knobs per population name; a population not listed keeps its frozen values
 */
public record Variant(int index, double humanHome, double humanRelay, Map<String, Knobs> populations) {

  /** How a campaign's traffic leaves the provider's view in a variant. */
  public enum Infra {
    NATIVE,
    RESIDENTIAL,
    CLOUD,
    PROXY
  }

  /**
   * @param accounts factor on the population's account count
   * @param rate factor on requests per account per day
   * @param activeHours hours of the UTC day a campaign is active (24 = as frozen)
   * @param activeFrom first UTC hour of that window
   * @param genuineShare share of a campaign account's requests replaced by genuine chat traffic
   * @param clients client libraries a campaign's accounts use (0 = as frozen)
   * @param infra where a campaign's requests come from
   * @param attackFamily the attack source family a campaign sweeps (null = as frozen)
   * @param windowDays days a campaign is active (≥ the period = as frozen)
   * @param windowStartDay first day of that window
   */
  public record Knobs(
      double accounts,
      double rate,
      int activeHours,
      int activeFrom,
      double genuineShare,
      int clients,
      Infra infra,
      String attackFamily,
      int windowDays,
      int windowStartDay) {
    static final Knobs NONE = new Knobs(1, 1, 24, 0, 0, 0, Infra.NATIVE, null, Integer.MAX_VALUE, 0);
  }

  public static final Variant DEFAULT = new Variant(0, Parameters.HUMAN_HOME, Parameters.HUMAN_RELAY, Map.of());

  // ---- the documented ranges (docs/evaluation.md); frozen with the generator
  public static final double ACCOUNTS_MIN = 0.2;
  public static final double ACCOUNTS_MAX = 5;
  public static final double RATE_MIN = 0.1;
  public static final double RATE_MAX = 10;
  public static final int HOURS_MIN = 4;
  public static final int HOURS_MAX = 24;
  public static final double GENUINE_MAX = 0.5;
  public static final int CLIENTS_MIN = 1;
  public static final int CLIENTS_MAX = 4;
  public static final int WINDOW_MIN_DAYS = 1;
  public static final int WINDOW_MAX_DAYS = 14;
  public static final double HUMAN_HOME_MIN = 0.5;
  public static final double HUMAN_HOME_MAX = 0.95;
  public static final double HUMAN_RELAY_MAX = 0.3;

  public boolean isDefault() {
    return populations.isEmpty();
  }

  public Knobs knobs(String population) {
    return populations.getOrDefault(population, Knobs.NONE);
  }

  /**
   * Draws variant {@code index} (≥ 1) of a seed: every population's factors log-uniform in their ranges,
   * campaigns' hours, genuine share, clients, infrastructure, instruction set and window uniform.
   *
   * @param attackFamilies the attack source families on the run's side of the split
   */
  public static Variant draw(long seed, int index, List<String> attackFamilies) {
    if (index < 1) {
      throw new IllegalArgumentException("variant index must be at least 1: " + index);
    }
    Random r = new Random(SimContext.mix(seed, "variant-" + index));
    Map<String, Knobs> pops = new LinkedHashMap<>();
    for (Population p : Simulator.populations()) {
      double accounts = logUniform(r, ACCOUNTS_MIN, ACCOUNTS_MAX);
      double rate = logUniform(r, RATE_MIN, RATE_MAX);
      if (p.campaign() == null) {
        pops.put(p.name(), new Knobs(accounts, rate, 24, 0, 0, 0, Infra.NATIVE, null, Integer.MAX_VALUE, 0));
        continue;
      }
      int hours = HOURS_MIN + r.nextInt(HOURS_MAX - HOURS_MIN + 1);
      int from = r.nextInt(24);
      double genuine = r.nextDouble() * GENUINE_MAX;
      int clients = CLIENTS_MIN + r.nextInt(CLIENTS_MAX - CLIENTS_MIN + 1);
      Infra infra = Infra.values()[r.nextInt(Infra.values().length)];
      String family = attackFamilies.isEmpty() ? null : attackFamilies.get(r.nextInt(attackFamilies.size()));
      int window = WINDOW_MIN_DAYS + r.nextInt(WINDOW_MAX_DAYS - WINDOW_MIN_DAYS + 1);
      int start = r.nextInt(WINDOW_MAX_DAYS - window + 1);
      pops.put(p.name(), new Knobs(accounts, rate, hours, from, genuine, clients, infra, family, window, start));
    }
    double home = HUMAN_HOME_MIN + r.nextDouble() * (HUMAN_HOME_MAX - HUMAN_HOME_MIN);
    double relay = Math.min(1 - home, r.nextDouble() * HUMAN_RELAY_MAX);
    return new Variant(index, home, relay, pops);
  }

  private static double logUniform(Random r, double min, double max) {
    return Math.exp(Math.log(min) + r.nextDouble() * (Math.log(max) - Math.log(min)));
  }

  /** One line per population, for variant.json and the report. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "humans: home %.2f, relay %.2f", humanHome, humanRelay));
    populations.forEach((name, k) -> out.add(String.format(Locale.ROOT,
        "%s: accounts x%.2f, rate x%.2f%s", name, k.accounts(), k.rate(),
        k.infra() == null || k.windowDays() == Integer.MAX_VALUE ? ""
            : String.format(Locale.ROOT, ", hours %d from %02d, genuine %.0f%%, clients %d, infra %s, set %s, days %d-%d",
                k.activeHours(), k.activeFrom(), 100 * k.genuineShare(), k.clients(), k.infra().name().toLowerCase(Locale.ROOT),
                k.attackFamily(), k.windowStartDay(), k.windowStartDay() + k.windowDays()))));
    return out;
  }
}
