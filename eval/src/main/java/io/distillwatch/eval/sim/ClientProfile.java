package io.distillwatch.eval.sim;

import java.util.List;

/**
 * A client as the provider sees it: the {@code User-Agent} it claims and the TLS fingerprint (JA4 style)
 * its TLS stack actually produces. Honest clients' pairs agree; the reseller (campaign c) claims one client
 * and shows another's fingerprint. The fingerprint strings are illustrative, stable labels per TLS stack.
 */
public record ClientProfile(String userAgent, String tlsFp, String stack) {

  public static final String TLS_PYTHON = "t13d1812h2_85036bcba153_b26ce05bbdd6";
  public static final String TLS_NODE = "t13d1713h2_5b57614c22b0_748f4c70de1c";
  public static final String TLS_CHROME = "t13d1516h2_8daaf6152771_02713d6af862";
  public static final String TLS_SAFARI = "t13d2014h2_a09f3c656075_14788d8d241b";
  public static final String TLS_FIREFOX = "t13d1715h2_5b57614c22b0_3d5424432f57";
  public static final String TLS_GO = "t13d1311h2_f57a46bbacb6_ab7e3b40a677";
  public static final String TLS_CURL = "t13d3112h2_e8f1e7e78f70_6bebaf5329ac";

  public static final ClientProfile OPENAI_PYTHON = new ClientProfile("OpenAI/Python 1.58.1", TLS_PYTHON, "python");
  public static final ClientProfile ANTHROPIC_PYTHON = new ClientProfile("anthropic-python/0.42.0", TLS_PYTHON, "python");
  public static final ClientProfile HTTPX = new ClientProfile("python-httpx/0.27.2", TLS_PYTHON, "python");
  public static final ClientProfile REQUESTS = new ClientProfile("python-requests/2.32.3", TLS_PYTHON, "python");
  public static final ClientProfile OPENAI_NODE = new ClientProfile("OpenAI/JS 4.77.0", TLS_NODE, "node");
  public static final ClientProfile CHROME =
      new ClientProfile(
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0 Safari/537.36",
          TLS_CHROME,
          "chrome");
  public static final ClientProfile SAFARI =
      new ClientProfile(
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
          TLS_SAFARI,
          "safari");
  public static final ClientProfile FIREFOX =
      new ClientProfile("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", TLS_FIREFOX, "firefox");
  public static final ClientProfile CURL = new ClientProfile("curl/8.5.0", TLS_CURL, "curl");
  public static final ClientProfile LM_EVAL =
      new ClientProfile("lm-eval-harness/0.4.5 OpenAI/Python 1.58.1", TLS_PYTHON, "python");

  /** What humans and teams use, in rough proportion (repeats weight). */
  public static final List<ClientProfile> EVERYDAY =
      List.of(OPENAI_PYTHON, OPENAI_PYTHON, ANTHROPIC_PYTHON, HTTPX, OPENAI_NODE, OPENAI_NODE, CHROME, CHROME, SAFARI,
          FIREFOX, CURL);

  /** User agents the reseller's customers' clients claim (campaign c): the fingerprint is always Go's. */
  public static final List<String> RESELLER_CLAIMS =
      List.of(OPENAI_PYTHON.userAgent(), OPENAI_NODE.userAgent(), ANTHROPIC_PYTHON.userAgent(), CHROME.userAgent(),
          "claude-cli/1.0.31 (external, cli)");
}
