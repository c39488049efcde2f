package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Enterprise teams: several accounts created together, sharing one payment method, one office /28, one
 * internal client (same TLS fingerprint) and often one internal system prompt — linked like a hydra, but
 * benign: office hours on workdays, multi-turn conversations from the benign pools.
 */
final class EnterpriseTeams implements Population {
  @Override
  public String name() {
    return "enterprise";
  }

  @Override
  public void generate(SimContext ctx) {
    List<List<PromptRecord>> convs = new ArrayList<>(ctx.pools.benignConversations());
    for (PromptRecord r : ctx.pools.ofClass("benign_power_user")) {
      convs.add(List.of(r));
    }
    if (convs.isEmpty()) {
      return;
    }
    int teams = ctx.count(Parameters.TEAMS, 1);
    for (int t = 0; t < teams; t++) {
      team(ctx, t, convs);
    }
  }

  private void team(SimContext ctx, int index, List<List<PromptRecord>> convs) {
    String company = Domains.COMPANIES.get(index % Domains.COMPANIES.size()) + (index >= 20 ? " " + index : "");
    NetworkPlan.Isp isp = ctx.net.pickOfficeIsp(ctx.rnd);
    long office = ctx.net.officeBlock(isp, ctx.rnd);
    String payment = ctx.paymentFp("team" + index);
    long created = ctx.cfg.startMs() - (long) ((30 + ctx.rnd.nextDouble() * 700) * Parameters.DAY_MS);
    ClientProfile client = ctx.pick(List.of(ClientProfile.OPENAI_PYTHON, ClientProfile.OPENAI_NODE, ClientProfile.CHROME));
    String system = ctx.rnd.nextDouble() < 0.5 ? Wrappers.ENTERPRISE_SYSTEM.replace("{org}", company) : null;
    long switchAt = ctx.cfg.releaseMs() + (long) ((1 + ctx.rnd.nextDouble() * 6) * Parameters.DAY_MS);
    int size = ctx.uniform(Parameters.TEAM_MIN, Parameters.TEAM_MAX);
    for (int m = 0; m < size; m++) {
      // members are provisioned together by an admin: a creation burst of minutes
      String account =
          ctx.newAccount(created + ctx.rnd.nextInt(600_000), Domains.domainOf(company), company, isp.country(), payment,
              "enterprise", true);
      Egress desk = ctx.net.at(office + 1 + ctx.rnd.nextInt(4));
      double perDay = Parameters.TEAM_REQUESTS_PER_WORKDAY * Math.exp(0.5 * ctx.rnd.nextGaussian() - 0.125);
      for (int day = 0; day < ctx.cfg.days(); day++) {
        if (SimContext.weekday(day) >= 5) {
          continue;
        }
        int budget = ctx.poisson(ctx.rate(perDay));
        while (budget > 0) {
          long t = ctx.localTime(day, isp.utcOffsetHours(), Parameters.WORK_HOURS);
          List<PromptRecord> conv = convs.get(ctx.rnd.nextInt(convs.size()));
          for (int turn = 0; turn < conv.size() && budget > 0; turn++, budget--) {
            SimEvent e = ctx.event(account, t);
            e.model = ctx.model(t, switchAt);
            e.egress = desk;
            e.client = client;
            e.system = system;
            for (int k = 0; k < turn; k++) {
              e.messages.add(SimEvent.Message.user(conv.get(k).text()));
              e.messages.add(SimEvent.Message.assistant());
            }
            e.messages.add(SimEvent.Message.user(conv.get(turn).text()));
            e.prompt = conv.get(turn);
            e.maxTokens = 4096;
            e.temperature = 0.7;
            e.stream = Boolean.TRUE;
            e.outputTokens = ctx.tokens(500, 0.8, 4096);
            ctx.emit(e);
            t += e.latencyMs + (long) (1000 * Math.max(10, ctx.logNormal(90, 0.8)));
          }
        }
      }
    }
  }
}
