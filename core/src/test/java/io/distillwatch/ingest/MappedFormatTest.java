package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.distillwatch.event.UsageEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappedFormatTest {
  @Test
  void parsesPairsAcrossRepeatedSpecs() {
    FieldMapping m = FieldMapping.parse(List.of("ts=time, account=user.id", "params.max_tokens=req.max"));
    assertThat(m.targets()).containsExactly("ts", "account", "params.max_tokens");
    assertThat(m.source("account")).isEqualTo("user.id");
    assertThat(m.source("model")).isNull();
  }

  @Test
  void rejectsBadSpecsWithAClearMessage() {
    assertThatThrownBy(() -> FieldMapping.parse(List.of("ts")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected TARGET=SOURCE");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("=x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("acount=user")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown canonical field 'acount'");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("ts=a,ts=b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mapped twice");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("ts=a[x]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array index");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("ts=a..b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty path segment");
    assertThatThrownBy(() -> FieldMapping.parse(List.of("ts=a[1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> FieldMapping.parse(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void literalKeyWinsOverPathThenPathWithArrayIndices() {
    FieldMapping m = FieldMapping.parse(List.of(
        "ts=@timestamp,account=user.id,prompt=body.msgs[1].text,model=meta.model,"
            + "usage.output_tokens=stats.tokens[0],params.max_tokens=cfg.limits.max,ip=net.client"));
    EventParser p = new EventParser(InputFormat.MAPPED, m);
    ParseResult r = p.parse("{\"@timestamp\": \"2026-03-02T10:00:00Z\", \"user.id\": \"flat-acct\","
        + " \"user\": {\"id\": \"nested-acct\"}, \"body\": {\"msgs\": [{\"text\": \"no\"}, {\"text\": \"second\"}]},"
        + " \"meta\": {\"model\": \"m1\"}, \"stats\": {\"tokens\": [77, 3]}, \"cfg\": {\"limits\": {\"max\": 512}},"
        + " \"net\": {\"client\": \"203.0.113.9\"}}", "m", 1);
    assertThat(r.rejections()).isEmpty();
    UsageEvent e = r.events().get(0);
    assertThat(e.account).isEqualTo("flat-acct");
    assertThat(e.userText).isEqualTo("second");
    assertThat(e.model).isEqualTo("m1");
    assertThat(e.outputTokens).isEqualTo(77L);
    assertThat(e.maxTokens).isEqualTo(512);
    assertThat(e.ip).isEqualTo("203.0.113.9");
    assertThat(r.format()).isEqualTo(InputFormat.MAPPED);
  }

  @Test
  void unmappedCanonicalKeysStillCountAndMissingSourcesAreMissing() {
    FieldMapping m = FieldMapping.parse(List.of("account=who"));
    EventParser p = new EventParser(InputFormat.AUTO, m); // a mapping with auto means mapped
    assertThat(p.format()).isEqualTo(InputFormat.MAPPED);
    UsageEvent e = p.parse("{\"ts\": 1772443020, \"who\": \"w\", \"prompt\": \"p\", \"params\": {\"n\": 2}}", "m", 1).events().get(0);
    assertThat(e.account).isEqualTo("w");
    assertThat(e.n).isEqualTo(2);
    ParseResult missing = p.parse("{\"ts\": 1772443020, \"account\": \"shadowed\", \"prompt\": \"p\"}", "m", 2);
    assertThat(missing.rejection().reason).isEqualTo("missing_field");
    assertThat(missing.rejection().detail).contains("account");
  }

  @Test
  void mappedFieldErrorsUseCanonicalNames() {
    FieldMapping m = FieldMapping.parse(List.of("params.temperature=temp"));
    ParseResult r = new EventParser(InputFormat.MAPPED, m)
        .parse("{\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"p\", \"temp\": \"hot\"}", "m", 1);
    assertThat(r.fieldErrorsByField()).containsOnlyKeys("params.temperature");
  }

  @Test
  void mappingWithAnAdapterFormatOrMappedWithoutMappingIsAnError() {
    FieldMapping m = FieldMapping.parse(List.of("account=who"));
    assertThatThrownBy(() -> new EventParser(InputFormat.OTEL, m)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventParser(InputFormat.MAPPED, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatNamesParseCaseInsensitively() {
    assertThat(InputFormat.parse("otel")).isEqualTo(InputFormat.OTEL);
    assertThat(InputFormat.parse("Anthropic")).isEqualTo(InputFormat.ANTHROPIC);
    assertThatThrownBy(() -> InputFormat.parse("xml")).hasMessageContaining("auto, canonical");
  }
}
