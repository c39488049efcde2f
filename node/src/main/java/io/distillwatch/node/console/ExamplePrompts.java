package io.distillwatch.node.console;

import io.distillwatch.ingest.Redactor;
import io.distillwatch.scan.OutputRedaction;
import io.distillwatch.template.PromptNormalizer;

/**
 * How a prompt is cut and redacted before the store keeps it as an example: at most
 * {@value #MAX_CHARS} characters; secrets (API keys, bearer tokens, credential fields) and e-mail
 * addresses always removed; with {@code store.redact=true} only the template skeleton is kept (literals,
 * numbers, quoted strings, code, URLs replaced by placeholders) and IPs are cut to their /24.
 */
public final class ExamplePrompts {
  public static final int MAX_CHARS = 300;
  public static final int PER_SIGNAL = 5;
  private final PromptNormalizer normalizer = new PromptNormalizer();
  private final boolean redact;

  public ExamplePrompts(boolean redact) {
    this.redact = redact;
  }

  public String prepare(String prompt) {
    if (redact) {
      return Redactor.cap(OutputRedaction.text(normalizer.normalize(prompt).skeleton(MAX_CHARS)), MAX_CHARS);
    }
    // cut before redacting too, so a secret cut in half at the end is still recognised
    String s = Redactor.redact(Redactor.cap(prompt, 4 * MAX_CHARS));
    return s.length() <= MAX_CHARS ? s : Redactor.cap(s, MAX_CHARS - 1) + "…";
  }
}
