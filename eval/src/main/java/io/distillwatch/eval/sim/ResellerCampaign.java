package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign (c): agentic / tool-trace harvesting through a reseller. The reseller's accounts also carry
 * real customers' traffic (benign pools); all leave from the reseller's few relay servers, pay with the
 * reseller's card, and claim its customers' client user agents while the TLS fingerprint is always the
 * relay's Go stack. Harvesting requests are agent traces: tool definitions, tool_use and tool_result turns.
 */
final class ResellerCampaign implements Population {
  @Override
  public String name() {
    return "campaign_c_reseller";
  }

  @Override
  public String campaign() {
    return "c";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> tasks = ctx.attackSet("gpteacher_toolformer_0.9", "gpteacher_codegen");
    List<List<PromptRecord>> customers = ctx.pools.benignConversations();
    if (tasks.isEmpty() || customers.isEmpty()) {
      return;
    }
    String cloud = ctx.pick(List.of("vultr", "digitalocean", "linode"));
    List<Egress> relays = new ArrayList<>();
    for (int i = 0; i < Parameters.RESELLER_EGRESS_IPS; i++) {
      relays.add(ctx.net.cloud(cloud, ctx.rnd));
    }
    String payment = ctx.paymentFp("reseller");
    int n = ctx.count(Parameters.RESELLER_ACCOUNTS, 1);
    int cursor = ctx.rnd.nextInt(tasks.size());
    for (int i = 0; i < n; i++) {
      long created = ctx.cfg.startMs() - (long) ((5 + ctx.rnd.nextDouble() * 60) * Parameters.DAY_MS);
      String account =
          ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, relays.get(0).country(), payment, "self-serve", true);
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int count = ctx.poisson(ctx.rate(Parameters.RESELLER_PER_DAY));
        for (int k = 0; k < count; k++) {
          long t = ctx.cfg.startMs() + day * Parameters.DAY_MS + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS);
          SimEvent e = ctx.event(account, t);
          e.model = ctx.model(t, ctx.cfg.releaseMs() + 2 * Parameters.HOUR_MS);
          e.egress = ctx.pick(relays);
          e.client = new ClientProfile(ctx.pick(ClientProfile.RESELLER_CLAIMS), ClientProfile.TLS_GO, "go");
          e.stream = Boolean.TRUE;
          if (ctx.rnd.nextDouble() < Parameters.RESELLER_HARVEST_SHARE) {
            PromptRecord task = tasks.get(cursor);
            cursor = (cursor + 1) % tasks.size();
            agentTrace(ctx, e, task);
          } else {
            List<PromptRecord> conv = ctx.pick(customers);
            int turn = ctx.rnd.nextInt(conv.size());
            for (int j = 0; j < turn; j++) {
              e.messages.add(SimEvent.Message.user(conv.get(j).text()));
              e.messages.add(SimEvent.Message.assistant());
            }
            e.messages.add(SimEvent.Message.user(conv.get(turn).text()));
            e.prompt = conv.get(turn);
            e.maxTokens = ctx.pick(List.of(1024, 4096));
            e.outputTokens = ctx.tokens(400, 0.8, e.maxTokens);
          }
          ctx.emit(e);
        }
      }
    }
  }

  private static void agentTrace(SimContext ctx, SimEvent e, PromptRecord task) {
    e.system = Wrappers.AGENT_SYSTEM;
    e.tools = ctx.uniform(3, 8);
    e.messages.add(SimEvent.Message.user(task.text()));
    int steps = ctx.uniform(1, 4);
    for (int s = 0; s < steps; s++) {
      e.messages.add(new SimEvent.Message("assistant", "tool_use", "tool_" + ctx.rnd.nextInt(e.tools)));
      e.messages.add(new SimEvent.Message("user", "tool_result", Wrappers.TOOL_RESULT_PLACEHOLDER));
    }
    e.prompt = task;
    e.maxTokens = SimContext.maxOutput(e.model);
    e.temperature = 1.0;
    e.outputTokens = ctx.tokens(900, 0.6, e.maxTokens);
  }
}
