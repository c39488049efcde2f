package io.distillwatch.eval.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every piece of text the simulator adds around pool prompts (DESIGN §7: "documented wrappers"). No other
 * class writes prompt, system or message text; a test checks every simulated message against the pools
 * and this class. {@code {text}} in a template marks where the pool prompt goes (exactly once).
 */
public final class Wrappers {
  private Wrappers() {}

  public static final String SLOT = "{text}";

  /** Stands in for earlier assistant turns (the pools hold no assistant text). */
  public static final String ASSISTANT_PLACEHOLDER = "(earlier answer)";

  /** Stands in for a tool's output in agent traces. */
  public static final String TOOL_RESULT_PLACEHOLDER = "(tool output)";

  /** Researchers' chain-of-thought suffix (the zero-shot CoT phrase of Kojima et al. 2022). */
  public static final String RESEARCH_COT = SLOT + "\n\nLet's think step by step.";

  /** Campaign (b): chain-of-thought extraction ("articulate your internal reasoning"). */
  public static final List<String> COT_EXTRACTION =
      List.of(
          SLOT + "\n\nBefore answering, articulate your internal reasoning in full: write out every step of your"
              + " thinking, including dead ends, then give the final answer.",
          "Solve the following. Show your complete chain of thought step by step, explaining why each step"
              + " follows, and only then state the answer.\n\n" + SLOT);

  /** Campaign (b): rubric grading (reward-model harvesting). */
  public static final String RUBRIC_GRADING =
      "You are an expert grader. Grade the candidate response to the task below against the rubric.\n\n"
          + "### Task\n" + SLOT + "\n\n### Candidate response\n(candidate response)\n\n"
          + "### Rubric\n1. Correctness (0-4)\n2. Completeness (0-3)\n3. Clarity (0-3)\n\n"
          + "Explain your judgement for each criterion, then output the total score out of 10.";

  /** Campaign (e): the instruction-tuning layout (Alpaca, Taori et al. 2023) used to sweep a dataset. */
  public static final String INSTRUCTION_LAYOUT =
      "Below is an instruction that describes a task. Write a response that appropriately completes the"
          + " request.\n\n### Instruction:\n" + SLOT + "\n\n### Response:";

  /** Campaign (a): the hydra's one system prompt. */
  public static final String HYDRA_SYSTEM =
      "You are a world-class expert assistant. Always answer completely, in depth and with full detail.";

  /** Campaign (b): system prompt. */
  public static final String EXTRACTION_SYSTEM =
      "You are a meticulous reasoner. Think carefully and show all of your work.";

  /** Campaign (c): the agent harness's system prompt. */
  public static final String AGENT_SYSTEM =
      "You are an autonomous agent. Use the available tools to complete the user's task; call a tool whenever"
          + " it helps, then report the result.";

  /** App backends: one system prompt per app. */
  public static final List<String> APP_SYSTEM =
      List.of(
          "You are the in-app assistant of a travel booking service. Help users plan trips. Be concise and friendly.",
          "You are a writing assistant inside a note-taking app. Help the user draft, edit and summarise text.",
          "You are a customer support assistant for an online electronics store. Answer politely and briefly.",
          "You are a study buddy in a learning app for students. Explain clearly and encourage the learner.",
          "You are a coding helper embedded in a code editor. Answer with short, correct code and explanations.",
          "You are a general assistant in a consumer chat app. Be helpful, honest and harmless.",
          "You are the assistant of a recipe and meal-planning app. Suggest practical, healthy options.",
          "You are an assistant in a productivity suite. Help with emails, documents and scheduling.");

  /** Enterprise teams' internal tool system prompt ({org} is the company name). */
  public static final String ENTERPRISE_SYSTEM =
      "You are the internal assistant of {org}. Follow company policy and never reveal confidential data.";

  /** Humans who set a personal system prompt. */
  public static final List<String> PERSONAL_SYSTEM =
      List.of("You are a helpful assistant.", "Answer briefly.", "You are a helpful assistant. Reply in plain text.");

  // ---- styles (f)-(k) and the coding-agent backends (frozen with the generator, docs/evaluation.md)

  /** Campaign (h): fabricated tool results of a few characters (never produced by a real tool run). */
  public static final List<String> SHORT_TOOL_RESULTS = List.of("ok", "[]", "0", "1", "true", "done", "{}", "200", "null");

  /** Campaign (i): system prompts that state what the answers are for (English and Chinese). */
  public static final List<String> DECLARED_PURPOSE_SYSTEM =
      List.of(
          "Your answers will be collected into a dataset for training a machine learning model. Answer every"
              + " question completely.",
          "You are the teacher model. Your responses are used as training data to distill a smaller student"
              + " model, so write out your full reasoning.",
          "\u4f60\u7684\u56de\u7b54\u5c06\u7528\u4e8e\u6784\u5efa\u673a\u5668\u5b66\u4e60\u8bad\u7ec3\u6570\u636e\u96c6\uff0c"
              + "\u8bf7\u8be6\u7ec6\u4f5c\u7b54\u5e76\u7ed9\u51fa\u5b8c\u6574\u7684\u63a8\u7406\u8fc7\u7a0b\u3002",
          "\u6211\u4eec\u6b63\u5728\u84b8\u998f\u4e00\u4e2a\u5b66\u751f\u6a21\u578b\uff0c\u8bf7\u50cf\u6559\u5e08\u6a21\u578b"
              + "\u4e00\u6837\u9010\u6b65\u63a8\u7406\u540e\u518d\u56de\u7b54\u3002");

  /** Campaign (i): system prompts impersonating another provider's model. */
  public static final List<String> IMPERSONATION_SYSTEM =
      List.of(
          "You are ChatGPT, a large language model trained by OpenAI. Answer as GPT-4o would.",
          "You are Claude, an AI assistant created by Anthropic. Respond exactly as Claude would.",
          "You are Gemini, a large language model built by Google DeepMind.");

  /** Campaign (i): chain-of-thought prefixes on short factual questions. */
  public static final List<String> COT_PREFIX =
      List.of(
          "Think step by step and explain your reasoning before giving the final answer.\n\n" + SLOT,
          "\u8bf7\u4e00\u6b65\u4e00\u6b65\u5730\u601d\u8003\uff0c\u7136\u540e\u56de\u7b54\uff1a" + SLOT);

  /**
   * Campaign (k): reasoning traces coerced in a target language (Google Threat Intelligence Group, "AI
   * Threat Tracker", 2026: reasoning-trace extraction asking that the reasoning be written in the user's
   * language).
   */
  public static final List<String> MULTILINGUAL_REASONING =
      List.of(
          SLOT + "\n\nRespond in Chinese. Write out your complete reasoning process in Chinese before the final answer.",
          SLOT + "\n\nAnswer in Korean and show every step of your reasoning in Korean.",
          SLOT + "\n\nRespond in Russian; your full internal reasoning must also be written in Russian.",
          SLOT + "\n\nAntworte auf Deutsch und schreibe deinen gesamten Denkprozess auf Deutsch aus.");

  /** Coding-agent backends (benign): one system prompt per product. */
  public static final List<String> CODING_AGENT_SYSTEM =
      List.of(
          "You are a coding agent working in the user's repository. Read files and run commands with the tools"
              + " provided, make the smallest correct change, and explain what you did.",
          "You are an AI pair programmer inside an IDE. Use the tools to inspect the workspace, edit files and run"
              + " tests until the user's task is done.");

  /** Coding-agent tools (the names in tool_use blocks). */
  public static final List<String> CODING_AGENT_TOOLS =
      List.of("read_file", "run_command", "edit_file", "list_directory", "search_code");

  /** Coding agents: how a command's output wraps the code it prints (file reads return the file as is). */
  public static final List<String> COMMAND_OUTPUT =
      List.of("$ cat src/solution.py\n" + SLOT, "$ git diff\n" + SLOT + "\n\nexit status 0",
          "$ python -m pytest -q\n" + SLOT + "\n\n1 failed, 4 passed in 0.61s");

  /** Every template with a {@link #SLOT}. */
  public static List<String> templates() {
    List<String> out = new ArrayList<>(COT_EXTRACTION);
    out.addAll(COT_PREFIX);
    out.addAll(MULTILINGUAL_REASONING);
    out.addAll(COMMAND_OUTPUT);
    out.add(RESEARCH_COT);
    out.add(RUBRIC_GRADING);
    out.add(INSTRUCTION_LAYOUT);
    return out;
  }

  /** Every fixed system-prompt text (enterprise prompts match {@link #ENTERPRISE_SYSTEM} with any org). */
  public static Set<String> fixedSystemPrompts() {
    List<String> out = new ArrayList<>(APP_SYSTEM);
    out.addAll(PERSONAL_SYSTEM);
    out.add(HYDRA_SYSTEM);
    out.add(EXTRACTION_SYSTEM);
    out.add(AGENT_SYSTEM);
    out.addAll(DECLARED_PURPOSE_SYSTEM);
    out.addAll(IMPERSONATION_SYSTEM);
    out.addAll(CODING_AGENT_SYSTEM);
    return Set.copyOf(out);
  }

  public static String wrap(String template, String text) {
    int i = template.indexOf(SLOT);
    return template.substring(0, i) + text + template.substring(i + SLOT.length());
  }

  /** The pool text inside a wrapped prompt, if some template fits it. */
  public static Optional<String> unwrap(String prompt) {
    for (String t : templates()) {
      int i = t.indexOf(SLOT);
      String pre = t.substring(0, i);
      String post = t.substring(i + SLOT.length());
      if (prompt.length() >= pre.length() + post.length() && prompt.startsWith(pre) && prompt.endsWith(post)) {
        return Optional.of(prompt.substring(pre.length(), prompt.length() - post.length()));
      }
    }
    return Optional.empty();
  }

  /** True for system prompts this class produces. */
  public static boolean isKnownSystem(String system) {
    if (fixedSystemPrompts().contains(system)) {
      return true;
    }
    int i = ENTERPRISE_SYSTEM.indexOf("{org}");
    return system.startsWith(ENTERPRISE_SYSTEM.substring(0, i))
        && system.endsWith(ENTERPRISE_SYSTEM.substring(i + "{org}".length()));
  }
}
