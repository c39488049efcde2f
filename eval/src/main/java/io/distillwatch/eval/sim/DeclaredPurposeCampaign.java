package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;

/**
 * Campaign (i): short campaigns (1–3 days per account) whose system prompts state what the answers are
 * for (a dataset, training a student model; English and Chinese) or impersonate another provider's model;
 * chain-of-thought prefixes on short factual questions; {@code max_tokens} above any model's output limit;
 * each account from its own cloud ASN, at an address outside the published datacenter and cloud ranges.
 */
final class DeclaredPurposeCampaign implements Population {
  @Override
  public String name() {
    return "campaign_i_declared_purpose";
  }

  @Override
  public String campaign() {
    return "i";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> short_ = new ArrayList<>();
    for (PromptRecord r : ctx.attackSet("math_train(deepscaler)", "gpteacher_codegen")) {
      if (r.text().length() <= Parameters.PURPOSE_QUESTION_MAX_CHARS) {
        short_.add(r);
      }
    }
    if (short_.isEmpty()) {
      return;
    }
    List<String> systems = new ArrayList<>(Wrappers.DECLARED_PURPOSE_SYSTEM);
    systems.addAll(Wrappers.IMPERSONATION_SYSTEM);
    int n = ctx.count(Parameters.PURPOSE_ACCOUNTS, 2);
    int cursor = ctx.rnd.nextInt(short_.size());
    for (int i = 0; i < n; i++) {
      Egress egress = ctx.net.unlistedCloud(ctx.rnd);
      int activeDays = ctx.uniform(1, Math.min(Parameters.PURPOSE_MAX_ACTIVE_DAYS, ctx.cfg.days()));
      int firstDay = ctx.rnd.nextInt(ctx.cfg.days() - activeDays + 1);
      long created = ctx.cfg.startMs() + firstDay * Parameters.DAY_MS - (long) ((1 + ctx.rnd.nextDouble() * 20) * Parameters.DAY_MS);
      String account =
          ctx.newAccount(created, ctx.pick(Domains.CONSUMER), null, egress.country(), ctx.paymentFp("purpose" + i),
              "self-serve", false);
      String system = systems.get(i % systems.size());
      int perDay = ctx.uniform(Parameters.PURPOSE_MIN_PER_DAY, Parameters.PURPOSE_MAX_PER_DAY);
      ClientProfile client = ctx.pick(List.of(ClientProfile.OPENAI_PYTHON, ClientProfile.HTTPX, ClientProfile.REQUESTS));
      for (int day = firstDay; day < firstDay + activeDays; day++) {
        int count = ctx.poisson(ctx.rate(perDay));
        for (int k = 0; k < count; k++) {
          long t = ctx.cfg.startMs() + day * Parameters.DAY_MS + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS);
          SimEvent e = ctx.event(account, t);
          e.model = ctx.model(t, ctx.cfg.releaseMs());
          e.egress = egress;
          e.client = client;
          e.system = system;
          PromptRecord p = short_.get(cursor);
          cursor = (cursor + 1) % short_.size();
          boolean cot = ctx.rnd.nextDouble() < Parameters.PURPOSE_COT_SHARE;
          e.messages.add(SimEvent.Message.user(cot ? Wrappers.wrap(ctx.pick(Wrappers.COT_PREFIX), p.text()) : p.text()));
          e.prompt = p;
          e.maxTokens = Parameters.PURPOSE_MAX_TOKENS;
          e.temperature = 1.0;
          e.stream = Boolean.FALSE;
          e.outputTokens = ctx.tokens(1500, 0.5, SimContext.maxOutput(e.model));
          ctx.emit(e);
        }
      }
    }
  }
}
