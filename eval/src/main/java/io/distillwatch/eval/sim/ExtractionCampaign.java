package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import java.util.List;

/**
 * Campaign (b): chain-of-thought extraction and rubric grading (reward-model harvesting) from a few
 * datacenter /24s; scripted round the clock at a steady pace, reasoning effort high, max_tokens pinned,
 * half the prompts sampled repeatedly (n = 4, or resent 2–3 times).
 */
final class ExtractionCampaign implements Population {
  @Override
  public String name() {
    return "campaign_b_cot_rubric";
  }

  @Override
  public String campaign() {
    return "b";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> items = ctx.attackSet("math_train(deepscaler)", "gpteacher_codegen");
    if (items.isEmpty()) {
      return;
    }
    long[] subnets = new long[Parameters.EXTRACTION_SUBNETS];
    for (int s = 0; s < subnets.length; s++) {
      subnets[s] = ctx.net.hostingSubnet(ctx.rnd);
    }
    int n = ctx.count(Parameters.EXTRACTION_ACCOUNTS, 2);
    int cursor = ctx.rnd.nextInt(items.size());
    for (int i = 0; i < n; i++) {
      long created = ctx.cfg.startMs() + (long) ((ctx.rnd.nextDouble() * 4 - 3) * Parameters.DAY_MS);
      long subnet = subnets[i % subnets.length];
      String account =
          ctx.newAccount(created, ctx.pick(Domains.DISPOSABLE), null, ctx.net.at(subnet + 10).country(),
              ctx.paymentFp("extract" + (i % 2)), ctx.pick(List.of("startup", "self-serve")), false);
      double interval = Parameters.DAY_MS / ctx.rate(Parameters.EXTRACTION_PER_DAY);
      long t = created + (long) (ctx.rnd.nextDouble() * 2 * Parameters.HOUR_MS);
      while (t < ctx.cfg.endMs()) {
        PromptRecord p = items.get(cursor);
        cursor = (cursor + 1) % items.size();
        boolean rubric = ctx.rnd.nextDouble() < Parameters.EXTRACTION_RUBRIC_SHARE;
        String text =
            rubric ? Wrappers.wrap(Wrappers.RUBRIC_GRADING, p.text()) : Wrappers.wrap(ctx.pick(Wrappers.COT_EXTRACTION), p.text());
        boolean resample = ctx.rnd.nextDouble() < Parameters.EXTRACTION_RESAMPLE_SHARE;
        boolean useN = resample && ctx.rnd.nextBoolean();
        int sends = resample && !useN ? ctx.uniform(2, 3) : 1;
        for (int s = 0; s < sends; s++) {
          SimEvent e = ctx.event(account, t);
          e.model = Parameters.OLD_MODEL;
          e.egress = ctx.net.at(subnet + 10 + ctx.rnd.nextInt(30));
          e.client = ClientProfile.REQUESTS;
          e.system = Wrappers.EXTRACTION_SYSTEM;
          e.messages.add(SimEvent.Message.user(text));
          e.prompt = p;
          e.maxTokens = Parameters.OLD_MODEL_MAX_OUTPUT;
          e.temperature = 1.0;
          e.n = useN ? 4 : null;
          e.reasoningEffort = "high";
          e.reasoningTokens = ctx.tokens(2500, 0.5, 16000);
          e.stream = Boolean.FALSE;
          e.outputTokens = ctx.tokens(rubric ? 600 : 1800, 0.5, e.maxTokens) * (useN ? 4 : 1);
          ctx.emit(e);
          t += (long) (interval * (0.9 + 0.2 * ctx.rnd.nextDouble()));
        }
      }
    }
  }
}
