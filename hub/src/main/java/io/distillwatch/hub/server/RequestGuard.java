package io.distillwatch.hub.server;

import io.distillwatch.hub.auth.Members;
import io.distillwatch.hub.auth.RateLimiter;
import io.distillwatch.hub.taxii.TaxiiException;
import io.distillwatch.hub.taxii.TaxiiMedia;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Runs before every route: hardening headers, bearer-token authentication ({@code Authorization:
 * Bearer} or {@code Token}; 401), per-member rate
 * limit (429), {@code Accept} negotiation (406), and for bodies the media type (415) and the
 * declared length (413).
 */
final class RequestGuard {

  private final Members members;
  private final RateLimiter limiter;
  private final int maxContentLength;

  RequestGuard(Members members, RateLimiter limiter, int maxContentLength) {
    this.members = members;
    this.limiter = limiter;
    this.maxContentLength = maxContentLength;
  }

  void handle(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
    ctx.header("Referrer-Policy", "no-referrer");
    String auth = ctx.header("Authorization");
    Optional<Members.Member> member = Optional.empty();
    // "Token" is what the OASIS taxii2-client's TokenAuth sends; the credential is the same bearer token
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      member = members.authenticate(auth.substring(7).trim());
    } else if (auth != null && auth.regionMatches(true, 0, "Token ", 0, 6)) {
      member = members.authenticate(auth.substring(6).trim());
    }
    if (member.isEmpty()) {
      throw new TaxiiException(401, "Unauthorized", "unauthenticated", "a valid bearer token is required");
    }
    ctx.attribute(HubContext.MEMBER, member.get());
    if (!limiter.tryAcquire(member.get().name())) {
      throw new TaxiiException(429, "Too Many Requests", "rate-limited", "request rate limit exceeded; retry later");
    }
    if (!TaxiiMedia.acceptable(ctx.header("Accept"))) {
      throw new TaxiiException(406, "Not Acceptable", "not-acceptable", "this server answers " + TaxiiMedia.TAXII);
    }
    if (ctx.method() == HandlerType.POST) {
      if (!TaxiiMedia.isTaxii(ctx.header("Content-Type"))) {
        throw new TaxiiException(415, "Unsupported Media Type", "unsupported-media-type",
            "send " + TaxiiMedia.TAXII);
      }
      long declared = ctx.req().getContentLengthLong();
      if (declared > maxContentLength) {
        throw new TaxiiException(413, "Payload Too Large", "too-large",
            "body larger than " + maxContentLength + " bytes");
      }
    }
  }
}
