package io.distillwatch.node.console;

import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Thymeleaf over the templates in {@code console/templates/} (in the jar). {@code th:text} and
 * attribute values are HTML-escaped by Thymeleaf; the templates never use {@code th:utext}, so account
 * ids, prompts and evidence (attacker-controlled text) always render as text.
 */
final class Templates {
  private final TemplateEngine engine = new TemplateEngine();

  Templates() {
    ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
    r.setPrefix("console/templates/");
    r.setSuffix(".html");
    r.setTemplateMode(TemplateMode.HTML);
    r.setCharacterEncoding("UTF-8");
    r.setCacheable(true);
    engine.setTemplateResolver(r);
  }

  String render(String template, Map<String, Object> model) {
    return engine.process(template, new Context(Locale.ROOT, model));
  }
}
