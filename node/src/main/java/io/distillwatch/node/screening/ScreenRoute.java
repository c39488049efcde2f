package io.distillwatch.node.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.screening.ScreeningResult;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST /api/screen}: one sign-up (an accounts-file line; {@code account} optional) in,
 * {@code {"screening": <DESIGN §6 object>, "notice": ...}} out. 400 for a body that is not a JSON
 * object with something to screen, 413 for a body over 64 KiB, 503 while no lists are loaded.
 */
public final class ScreenRoute {
  static final int MAX_BODY = 64 * 1024;
  static final String NOTICE =
      "Screening results are evidence for a reviewer, never a legal clearance.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScreenRoute() {}

  public static void register(Javalin app, LiveScreening live) {
    app.post("/api/screen", ctx -> handle(ctx, live));
  }

  static void handle(Context ctx, LiveScreening live) throws Exception {
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BODY) {
      ctx.status(413).json(error("the body is larger than " + MAX_BODY + " bytes"));
      return;
    }
    JsonNode in;
    try {
      in = JSON.readTree(body);
    } catch (java.io.IOException e) {
      ctx.status(400).json(error("the body is not JSON"));
      return;
    }
    AccountInfo account;
    try {
      account = SignUp.parse(in, false);
    } catch (SignUp.Invalid e) {
      ctx.status(400).json(error(e.getMessage()));
      return;
    }
    if (!SignUp.screenable(account)) {
      ctx.status(400).json(error("nothing to screen: give org_name, parent_org, email, "
          + "email_domain or website"));
      return;
    }
    ScreeningResult r = live.screen(account);
    ObjectNode out = JSON.createObjectNode();
    out.set("screening", JSON.valueToTree(r));
    out.put("notice", NOTICE);
    ctx.json(out);
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }
}
