package io.distillwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Signal;
import io.distillwatch.scan.AccountResult;
import io.distillwatch.scan.ScanSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
  private static final String SCRIPT = "<script>alert('x')</script>";

  @Test
  void attackerControlledTextIsEscapedEverywhere() {
    AccountResult a = flagged(SCRIPT, "solve <img src=x onerror=alert(1)> {…}");
    ScanSummary s = new ScanSummary();
    s.rejected = 1;
    s.rejectedSample = List.of(new Rejection("f\"><b>", 3, RejectReason.INVALID_JSON, SCRIPT, SCRIPT));
    s.inputs = List.of("<i>in.jsonl</i>");

    String html = new ReportWriter().render(s, List.of(a), List.of());

    assertThat(html).doesNotContain(SCRIPT).doesNotContain("<img").doesNotContain("<i>in.jsonl");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(html).doesNotContain("<script");
  }

  @Test
  void showsFlaggedAccountsWithEvidenceAndChartButNotBenignOnes() {
    AccountResult flagged = flagged("acct-bad", "1,840 prompts, 92% in 3 templates");
    AccountResult benign = new AccountResult();
    benign.account = "acct-fine";
    benign.verdict = "benign";

    String html = new ReportWriter().render(new ScanSummary(), List.of(flagged, benign), List.of());

    assertThat(html).contains("acct-bad").contains("1,840 prompts, 92% in 3 templates").contains("<svg");
    assertThat(html).doesNotContain("acct-fine");
    assertThat(html).contains("Flagged accounts (1)");
  }

  private static AccountResult flagged(String account, String evidence) {
    AccountResult a = new AccountResult();
    a.account = account;
    a.verdict = "distillation";
    a.score = 0.93;
    a.events = 1840;
    a.activityStart = 1_772_323_200_000L;
    a.activityBucketMillis = 3_600_000L;
    a.activity = new int[] {3, 0, 7, 12};
    a.signals = List.of(new Signal("structure.template_concentration", 0.92, 0.4, evidence));
    return a;
  }
}
