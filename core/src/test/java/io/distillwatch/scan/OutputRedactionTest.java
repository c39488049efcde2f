package io.distillwatch.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.RejectReason;
import io.distillwatch.event.Rejection;
import io.distillwatch.event.Signal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputRedactionTest {
  @Test
  void excerptKeepsTheShapeButNoPromptTextIpOrEmail() {
    String line = "{\"ts\": \"2026-03-01T10:00:00Z\", \"account\": \"acct-9\", \"ip\": \"203.0.113.77\", "
        + "\"prompt\": \"my secret plan\", \"email\": \"jane.doe@example.org\", \"note\": \"a long free text value here\"";

    Rejection r = OutputRedaction.rejection(
        new Rejection("f.jsonl", 4, RejectReason.INVALID_JSON, "bad near 203.0.113.77", line));

    assertThat(r.excerpt).doesNotContain("my secret plan", "203.0.113.77", "jane.doe", "a long free text value")
        .contains("\"account\": \"acct-9\"", "203.0.113.0/24", "\"prompt\": \"[text]\"");
    assertThat(r.detail).isEqualTo("bad near 203.0.113.0/24");
    assertThat(r.file).isEqualTo("f.jsonl");
    assertThat(r.line).isEqualTo(4);
  }

  @Test
  void evidenceLosesAddressesButKeepsPrefixesAndSkeletons() {
    AccountResult a = new AccountResult();
    a.signals = new ArrayList<>(List.of(new Signal("x.y", 1, 1,
        "example: 'solve the following {…}' from 198.51.100.23 and 2001:db8:1:2:3:4:5:6, contact ops@corp.example; 10.0.0.0/24 stays")));

    OutputRedaction.signals(a);

    assertThat(a.signals.get(0).evidence)
        .contains("'solve the following {…}'", "198.51.100.0/24", "10.0.0.0/24")
        .doesNotContain("198.51.100.23", "ops@corp.example", "3:4:5:6");
  }
}
