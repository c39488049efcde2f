package io.distillwatch.eval.sim;

import io.distillwatch.eval.corpus.PromptRecord;
import io.distillwatch.eval.net.Egress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Coding-agent product backends (benign hard negative): one account per product relaying its users' agent
 * sessions. Each session is a real agent loop — the user's task, then tool calls whose results are file
 * contents and command output drawn from the code pools — and every request resends the whole growing
 * conversation, so each earlier turn was sent as an earlier request. Around the clock from a few cloud
 * addresses, one system prompt per product, many tool definitions.
 */
final class CodingAgentBackends implements Population {
  /** Benign prompts that read like a coding task (the users' tasks); others only when none match. */
  private static final Pattern CODING =
      Pattern.compile("(?i)\\b(code|function|python|javascript|java|bug|error|script|sql|regex|api|class|compile|test)\\b|代码|函数");

  /** The code pools: file contents and command output come from these source families. */
  static final List<String> CODE_FAMILIES = List.of("gpteacher_codegen", "humaneval");

  @Override
  public String name() {
    return "coding_agent";
  }

  @Override
  public void generate(SimContext ctx) {
    List<PromptRecord> tasks = new ArrayList<>();
    List<PromptRecord> benign = ctx.pools.ofClass("benign");
    for (PromptRecord r : benign) {
      if (CODING.matcher(r.text()).find()) {
        tasks.add(r);
      }
    }
    if (tasks.isEmpty()) {
      tasks.addAll(benign);
    }
    List<PromptRecord> code = new ArrayList<>();
    ctx.pools.byFamily("attack", "hard_negative").forEach((family, records) -> {
      if (CODE_FAMILIES.contains(family)) {
        code.addAll(records);
      }
    });
    if (tasks.isEmpty() || code.isEmpty()) {
      return;
    }
    Deck<PromptRecord> taskDeck = new Deck<>(tasks, ctx.rnd);
    int n = ctx.count(Parameters.CODING_AGENTS, 1);
    for (int b = 0; b < n; b++) {
      String company = Domains.COMPANIES.get((b * 5 + 2) % Domains.COMPANIES.size());
      String cloud = ctx.pick(List.of("amazon", "google", "microsoft"));
      List<Egress> servers = new ArrayList<>();
      int nServers = ctx.uniform(2, 3);
      for (int s = 0; s < nServers; s++) {
        servers.add(ctx.net.cloud(cloud, ctx.rnd));
      }
      String account =
          ctx.newAccount(ctx.cfg.startMs() - (long) ((90 + ctx.rnd.nextDouble() * 400) * Parameters.DAY_MS),
              Domains.domainOf(company), company + " Code",
              servers.get(0).country(), ctx.paymentFp("agent" + b), ctx.pick(List.of("startup", "enterprise")), true);
      String system = Wrappers.CODING_AGENT_SYSTEM.get(b % Wrappers.CODING_AGENT_SYSTEM.size());
      ClientProfile client = ctx.pick(List.of(ClientProfile.OPENAI_NODE, ClientProfile.ANTHROPIC_PYTHON));
      int tools = ctx.uniform(8, 14);
      int sessionsPerDay = ctx.uniform(Parameters.CODING_SESSIONS_MIN_PER_DAY, Parameters.CODING_SESSIONS_MAX_PER_DAY);
      double userOffset = ctx.pick(List.of(-5.0, 1.0, 8.0));
      for (int day = 0; day < ctx.cfg.days(); day++) {
        int sessions = ctx.poisson(ctx.rate(sessionsPerDay));
        for (int s = 0; s < sessions; s++) {
          long t =
              ctx.rnd.nextDouble() < 0.3
                  ? ctx.cfg.startMs() + day * Parameters.DAY_MS + (long) (ctx.rnd.nextDouble() * Parameters.DAY_MS)
                  : ctx.localTime(day, userOffset, Parameters.HUMAN_HOURS);
          session(ctx, account, t, servers, client, system, tools, taskDeck.deal(), code);
        }
      }
    }
  }

  /** One agent loop: every step resends the task and all earlier tool rounds, plus the newest one. */
  private static void session(SimContext ctx, String account, long t, List<Egress> servers, ClientProfile client,
      String system, int tools, PromptRecord task, List<PromptRecord> code) {
    int steps = ctx.uniform(Parameters.CODING_STEPS_MIN, Parameters.CODING_STEPS_MAX);
    Egress server = ctx.pick(servers);
    List<SimEvent.Message> history = new ArrayList<>();
    history.add(SimEvent.Message.user(task.text()));
    PromptRecord last = task;
    for (int step = 0; step < steps; step++) {
      SimEvent e = ctx.event(account, t);
      e.model = Parameters.OLD_MODEL;
      e.egress = server;
      e.client = client;
      e.system = system;
      e.tools = tools;
      e.messages.addAll(history);
      e.prompt = last;
      e.maxTokens = 4096;
      e.stream = Boolean.TRUE;
      e.outputTokens = ctx.tokens(250, 0.8, e.maxTokens);
      ctx.emit(e);
      // the model's answer was a tool call; the backend runs it and sends the result with everything before
      String tool = ctx.pick(Wrappers.CODING_AGENT_TOOLS);
      PromptRecord file = ctx.pick(code);
      String result =
          tool.equals("run_command") ? Wrappers.wrap(ctx.pick(Wrappers.COMMAND_OUTPUT), file.text()) : file.text();
      history.add(new SimEvent.Message("assistant", "tool_use", tool));
      history.add(new SimEvent.Message("user", "tool_result", result));
      last = file;
      t += e.latencyMs + 300 + ctx.rnd.nextInt(4000);
    }
  }
}
