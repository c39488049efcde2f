package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import io.distillwatch.eval.net.NetworkPlan;
import java.util.List;

/**
 * Campaign (g): slow-and-low accounts with nothing shared — each its own home address, card (or none),
 * client, time zone, months old, a few requests a day in waking hours — all sampling the head of the same
 * public instruction set, verbatim and without a layout, so the same exact prompts recur across unrelated
 * accounts. What they ask is their only link.
 */
final class PublicSetCampaign implements Population {
  @Override
  public String name() {
    return "campaign_g_public_set";
  }

  @Override
  public String campaign() {
    return "g";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> set = ctx.attackSet("gpteacher_roleplay", "math_train(deepscaler)");
    if (set.isEmpty()) {
      return;
    }
    List<PromptRecord> head = set.subList(0, Math.min(Parameters.PUBLIC_SET_SIZE, set.size()));
    int n = ctx.count(Parameters.PUBLIC_SET_ACCOUNTS, 2);
    for (int i = 0; i < n; i++) {
      NetworkPlan.Isp isp = ctx.net.pickResidentialIsp(ctx.rnd);
      Egress home = ctx.net.addressOf(isp, ctx.rnd);
      double age = Parameters.PUBLIC_SET_AGE_MIN_DAYS
          + ctx.rnd.nextDouble() * (Parameters.PUBLIC_SET_AGE_MAX_DAYS - Parameters.PUBLIC_SET_AGE_MIN_DAYS);
      String payment = ctx.rnd.nextDouble() < 0.7 ? ctx.paymentFp("public" + i) : null;
      String account =
          ctx.newAccount(ctx.cfg.startMs() - (long) (age * Parameters.DAY_MS), ctx.pick(Domains.CONSUMER), null,
              isp.country(), payment, "self-serve", ctx.rnd.nextBoolean());
      ClientProfile client = ctx.pick(ClientProfile.EVERYDAY);
      Integer maxTokens = ctx.rnd.nextBoolean() ? null : ctx.pick(List.of(2048, 4096));
      Double temperature = ctx.rnd.nextBoolean() ? null : 0.7;
      int perDay = ctx.uniform(Parameters.PUBLIC_SET_MIN_PER_DAY, Parameters.PUBLIC_SET_MAX_PER_DAY);
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int k = 0; k < count; k++) {
          long t = ctx.localTime(day, isp.utcOffsetHours(), Parameters.HUMAN_HOURS);
          SimEvent e = ctx.event(account, t);
          e.model = Parameters.OLD_MODEL;
          e.egress = home;
          e.client = client;
          PromptRecord p = ctx.pick(head);
          e.messages.add(SimEvent.Message.user(p.text()));
          e.prompt = p;
          e.maxTokens = maxTokens;
          e.temperature = temperature;
          e.stream = Boolean.TRUE;
          e.outputTokens = ctx.tokens(650, 0.6, maxTokens == null ? Parameters.OLD_MODEL_MAX_OUTPUT : maxTokens);
          ctx.emit(e);
        }
      }
    }
  }
}
