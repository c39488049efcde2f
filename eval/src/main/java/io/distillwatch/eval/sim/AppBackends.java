package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;

/**
 * App backends: one account relaying its own users' prompts (benign pools, with their conversation
 * history) under one system prompt, high volume around the clock following its users' daily cycle, from a
 * few addresses in one cloud provider.
 */
final class AppBackends implements Population {
  @Override
  public String name() {
    return "app_backend";
  }

  @Override
  public void generate(SimContext ctx) {
    List<List<PromptRecord>> convs = new ArrayList<>(ctx.pools.benignConversations());
    if (convs.isEmpty()) {
      return;
    }
    int n = ctx.count(Parameters.APP_BACKENDS, 1);
    for (int b = 0; b < n; b++) {
      String company = Domains.COMPANIES.get((b * 7 + 3) % Domains.COMPANIES.size());
      String cloud = ctx.pick(List.of("amazon", "google", "microsoft"));
      List<Egress> servers = new ArrayList<>();
      int nServers = ctx.uniform(2, 4);
      for (int s = 0; s < nServers; s++) {
        servers.add(ctx.net.cloud(cloud, ctx.rnd));
      }
      String account =
          ctx.newAccount(ctx.cfg.startMs() - (long) ((60 + ctx.rnd.nextDouble() * 500) * Parameters.DAY_MS),
              Domains.domainOf(company), company + " Apps", servers.get(0).country(), ctx.paymentFp("app" + b),
              ctx.rnd.nextBoolean() ? "startup" : "self-serve", true);
      String system = Wrappers.APP_SYSTEM.get(b % Wrappers.APP_SYSTEM.size());
      ClientProfile client = ctx.pick(List.of(ClientProfile.OPENAI_PYTHON, ClientProfile.OPENAI_NODE));
      int perDay = ctx.uniform(Parameters.APP_MIN_PER_DAY, Parameters.APP_MAX_PER_DAY);
      double userOffset = ctx.pick(List.of(-5.0, 1.0, 5.5, 8.0));
      int maxTokens = ctx.pick(List.of(1024, 2048));
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int i = 0; i < count; i++) {
          // users everywhere, most near the app's home market: a flattened diurnal cycle
          long t =
              ctx.rnd.nextDouble() < 0.4
                  ? ctx.cfg.startMs() + day * Parameters.DAY_MS + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS)
                  : ctx.localTime(day, userOffset, Parameters.HUMAN_HOURS);
          List<PromptRecord> conv = convs.get(ctx.rnd.nextInt(convs.size()));
          int turn = ctx.rnd.nextInt(conv.size());
          SimEvent e = ctx.event(account, t);
          e.model = Parameters.OLD_MODEL;
          e.egress = servers.get(ctx.rnd.nextInt(servers.size()));
          e.client = client;
          e.system = system;
          for (int k = 0; k < turn; k++) {
            e.messages.add(SimEvent.Message.user(conv.get(k).text()));
            e.messages.add(SimEvent.Message.assistant());
          }
          e.messages.add(SimEvent.Message.user(conv.get(turn).text()));
          e.prompt = conv.get(turn);
          e.maxTokens = maxTokens;
          e.temperature = 0.7;
          e.stream = Boolean.TRUE;
          e.outputTokens = ctx.tokens(350, 0.7, maxTokens);
          ctx.emit(e);
        }
      }
    }
  }
}
