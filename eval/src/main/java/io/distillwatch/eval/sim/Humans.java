package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptPools;
import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.List;

/**
 * Benign humans replaying real conversations in turn order (on both splits: records without a conversation
 * id are chained into sessions, {@link PromptPools#benignSessions}), dealt from a shuffled deck so prompts
 * are reused across people no more than the pool size forces: sessions at times drawn from a diurnal cycle
 * in the human's own time zone, think time between turns, a home IP (changing every few days), Apple
 * private relay or a VPN.
 */
final class Humans implements Population {
  @Override
  public String name() {
    return "human";
  }

  @Override
  public void generate(SimContext ctx) {
    List<List<PromptRecord>> sessions = ctx.pools.benignSessions(Parameters.SESSION_TURNS);
    if (sessions.isEmpty()) {
      return;
    }
    Deck<List<PromptRecord>> deck = new Deck<>(sessions, ctx.rnd);
    int n = ctx.count(Parameters.HUMANS, 1);
    for (int i = 0; i < n; i++) {
      human(ctx, deck);
    }
  }

  private void human(SimContext ctx, Deck<List<PromptRecord>> deck) {
    NetworkPlan.Isp isp = ctx.net.pickResidentialIsp(ctx.rnd);
    double egressRoll = ctx.rnd.nextDouble();
    boolean fresh = ctx.rnd.nextDouble() < Parameters.HUMAN_FRESH;
    long created =
        fresh
            ? ctx.cfg.startMs() + (long) (ctx.rnd.nextDouble() * (ctx.cfg.days() - 1) * Parameters.DAY_MS)
            : ctx.cfg.startMs() - (long) ((1 + ctx.rnd.nextDouble() * 900) * Parameters.DAY_MS);
    String payment = ctx.rnd.nextDouble() < 0.75 ? ctx.paymentFp("h" + ctx.rnd.nextLong()) : null;
    String account =
        ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, isp.country(), payment, "self-serve",
            ctx.rnd.nextDouble() < 0.7);
    ClientProfile client = ctx.pick(ClientProfile.EVERYDAY);
    String system = ctx.rnd.nextDouble() < 0.12 ? ctx.pick(Wrappers.PERSONAL_SYSTEM) : null;
    Integer maxTokens = ctx.rnd.nextDouble() < 0.5 ? null : ctx.pick(List.of(1024, 2048, 4096));
    Double temperature = ctx.rnd.nextDouble() < 0.6 ? null : ctx.pick(List.of(0.7, 1.0));
    long switchAt =
        ctx.rnd.nextDouble() < Parameters.HUMAN_ADOPT_NEW_MODEL
            ? ctx.cfg.releaseMs() + (long) (ctx.rnd.nextDouble() * 5 * Parameters.DAY_MS)
            : Long.MAX_VALUE;
    double rate = Math.min(6, Parameters.HUMAN_SESSIONS_PER_DAY * Math.exp(0.8 * ctx.rnd.nextGaussian() - 0.32));
    Egress home = ctx.net.addressOf(isp, ctx.rnd);
    int firstDay = (int) Math.max(0, (created - ctx.cfg.startMs()) / Parameters.DAY_MS);
    for (int day = firstDay; day < ctx.cfg.days(); day++) {
      if (day % 5 == 4 && ctx.rnd.nextDouble() < 0.5) {
        home = ctx.net.addressOf(isp, ctx.rnd); // dynamic address renewed
      }
      double dayRate = SimContext.weekday(day) >= 5 ? rate * 0.8 : rate;
      int sessions = ctx.poisson(ctx.rate(dayRate));
      for (int s = 0; s < sessions; s++) {
        long t = Math.max(created, ctx.localTime(day, isp.utcOffsetHours(), Parameters.HUMAN_HOURS));
        Egress egress =
            egressRoll < ctx.cfg.variant().humanHome()
                ? home
                : egressRoll < ctx.cfg.variant().humanHome() + ctx.cfg.variant().humanRelay()
                    ? ctx.net.appleRelay(ctx.rnd)
                    : ctx.net.vpn(ctx.rnd);
        List<PromptRecord> conv = deck.deal();
        for (int turn = 0; turn < conv.size(); turn++) {
          SimEvent e = ctx.event(account, t);
          e.model = ctx.model(t, switchAt);
          e.egress = egress;
          e.client = client;
          e.system = system;
          for (int k = 0; k < turn; k++) {
            e.messages.add(SimEvent.Message.user(conv.get(k).text()));
            e.messages.add(SimEvent.Message.assistant());
          }
          e.messages.add(SimEvent.Message.user(conv.get(turn).text()));
          e.prompt = conv.get(turn);
          e.maxTokens = maxTokens;
          e.temperature = temperature;
          e.stream = Boolean.TRUE;
          e.outputTokens = ctx.tokens(400, 0.9, maxTokens == null ? SimContext.maxOutput(e.model) : maxTokens);
          ctx.emit(e);
          t += e.latencyMs + (long) (1000 * Math.max(8, ctx.logNormal(Parameters.HUMAN_THINK_MEDIAN_S, 0.9)));
        }
      }
    }
  }
}
