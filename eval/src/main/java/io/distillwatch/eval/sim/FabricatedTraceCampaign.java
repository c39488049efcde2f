package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign (h): agentic-trace harvesting through a reseller. Half of each account's requests are harvests:
 * a task followed by tool calls and tool results of a few characters that were never sent as earlier
 * requests (the history is fabricated, one request per trace). The other half are the reseller's genuine
 * customers, whose conversations are replayed in order (every earlier turn was an earlier request). One
 * card, two relay addresses in one cloud, honest SDK clients.
 */
final class FabricatedTraceCampaign implements Population {
  @Override
  public String name() {
    return "campaign_h_agent_trace";
  }

  @Override
  public String campaign() {
    return "h";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> tasks = ctx.attackSet("gpteacher_toolformer_0.9", "gpteacher_codegen");
    List<List<PromptRecord>> customers = ctx.pools.benignSessions(Parameters.SESSION_TURNS);
    if (tasks.isEmpty() || customers.isEmpty()) {
      return;
    }
    String cloud = ctx.pick(List.of("amazon", "google", "microsoft"));
    List<Egress> relays = new ArrayList<>();
    for (int i = 0; i < Parameters.TRACE_EGRESS_IPS; i++) {
      relays.add(ctx.net.cloud(cloud, ctx.rnd));
    }
    String payment = ctx.paymentFp("trace-reseller");
    Deck<List<PromptRecord>> deck = new Deck<>(customers, ctx.rnd);
    int n = ctx.count(Parameters.TRACE_ACCOUNTS, 1);
    int cursor = ctx.rnd.nextInt(tasks.size());
    for (int i = 0; i < n; i++) {
      long created = ctx.cfg.startMs() - (long) ((20 + ctx.rnd.nextDouble() * 200) * Parameters.DAY_MS);
      String account =
          ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, relays.get(0).country(), payment, "self-serve", true);
      ClientProfile client = ctx.pick(List.of(ClientProfile.OPENAI_PYTHON, ClientProfile.OPENAI_NODE));
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int budget = ctx.poisson(ctx.rate(Parameters.TRACE_PER_DAY));
        while (budget > 0) {
          long t = ctx.cfg.startMs() + day * Parameters.DAY_MS + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS);
          if (ctx.rnd.nextDouble() < Parameters.TRACE_HARVEST_SHARE) {
            SimEvent e = base(ctx, account, t, relays, client);
            harvest(ctx, e, tasks.get(cursor));
            cursor = (cursor + 1) % tasks.size();
            ctx.emit(e);
            budget--;
            continue;
          }
          List<PromptRecord> conv = deck.deal();
          for (int turn = 0; turn < conv.size() && budget > 0; turn++, budget--) {
            SimEvent e = base(ctx, account, t, relays, client);
            for (int k = 0; k < turn; k++) {
              e.messages.add(SimEvent.Message.user(conv.get(k).text()));
              e.messages.add(SimEvent.Message.assistant());
            }
            e.messages.add(SimEvent.Message.user(conv.get(turn).text()));
            e.prompt = conv.get(turn);
            e.maxTokens = 2048;
            e.temperature = 0.7;
            e.outputTokens = ctx.tokens(400, 0.8, e.maxTokens);
            ctx.emit(e);
            t += e.latencyMs + (long) (1000 * Math.max(8, ctx.logNormal(Parameters.HUMAN_THINK_MEDIAN_S, 0.9)));
          }
        }
      }
    }
  }

  private static SimEvent base(SimContext ctx, String account, long t, List<Egress> relays, ClientProfile client) {
    SimEvent e = ctx.event(account, t);
    e.model = ctx.model(t, ctx.cfg.releaseMs() + 6 * Parameters.HOUR_MS);
    e.egress = ctx.pick(relays);
    e.client = client;
    e.stream = Boolean.TRUE;
    return e;
  }

  /** A task, then 1–4 fabricated tool rounds with results of a few characters, in one request. */
  private static void harvest(SimContext ctx, SimEvent e, PromptRecord task) {
    e.tools = ctx.uniform(2, 6);
    e.messages.add(SimEvent.Message.user(task.text()));
    int rounds = ctx.uniform(1, 4);
    for (int r = 0; r < rounds; r++) {
      e.messages.add(new SimEvent.Message("assistant", "tool_use", "tool_" + ctx.rnd.nextInt(e.tools)));
      e.messages.add(new SimEvent.Message("user", "tool_result", ctx.pick(Wrappers.SHORT_TOOL_RESULTS)));
    }
    e.prompt = task;
    e.maxTokens = 4096;
    e.temperature = 1.0;
    e.outputTokens = ctx.tokens(900, 0.6, e.maxTokens);
  }
}
