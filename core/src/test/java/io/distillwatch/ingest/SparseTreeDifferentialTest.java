package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.fail;

import io.distillwatch.event.Rejection;
import io.distillwatch.event.UsageEvent;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sparse tree (only the keys readers use) gives exactly what a whole Jackson {@code readTree}
 * gives: same events field by field, same rejection reasons, same field errors — on valid lines and on
 * seeded mutations of them.
 */
class SparseTreeDifferentialTest {
  @ParameterizedTest
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108})
  void sparseAndWholeTreeAgree(long seed) throws Exception {
    Random rnd = new Random(seed);
    EventParser sparse = new EventParser(InputFormat.AUTO, null);
    EventParser whole = new EventParser(InputFormat.AUTO, null, true);
    for (int i = 0; i < 600; i++) {
      String base = FuzzParseTest.VALID.get(rnd.nextInt(FuzzParseTest.VALID.size()));
      byte[] line = i % 4 == 0 ? base.getBytes(StandardCharsets.UTF_8) : FuzzParseTest.mutate(base, rnd);
      ParseResult a = sparse.parse(line, 0, line.length, "d", 1);
      ParseResult b = whole.parse(line, 0, line.length, "d", 1);
      String diff = difference(a, b);
      if (diff != null) {
        fail("seed " + seed + " case " + i + ": " + diff + " on: " + new String(line, StandardCharsets.UTF_8));
      }
    }
  }

  /** Broken content inside keys the sparse tree skips is still seen by the tokeniser. */
  @org.junit.jupiter.api.Test
  void brokenContentInSkippedKeysIsStillRejected() throws Exception {
    String ok = "\"ts\": 1772443020, \"account\": \"a\", \"prompt\": \"p\"";
    String[] lines = {
      "{" + ok + ", \"extra\": \"bad escape \\q\"}",
      "{" + ok + ", \"extra\": \"control \u0001 char\"}",
      "{" + ok + ", \"extra\": [1, 2,]}",
      "{" + ok + ", \"extra\": {\"a\": }}",
      "{" + ok + ", \"extra\": " + "[".repeat(100) + "]".repeat(100) + "}",
      "{" + ok + ", \"extra\": tru}",
      "{" + ok + ", \"response\": {\"choices\": [{\"message\": {\"content\": \"\\uZZZZ\"}}]}}",
      "{" + ok + ", \"extra\": 01}",
    };
    EventParser sparse = new EventParser(InputFormat.AUTO, null);
    EventParser whole = new EventParser(InputFormat.AUTO, null, true);
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      ParseResult a = sparse.parse(b, 0, b.length, "d", 1);
      ParseResult w = whole.parse(b, 0, b.length, "d", 1);
      String diff = difference(a, w);
      if (diff != null) {
        fail(diff + " on: " + l);
      }
      org.assertj.core.api.Assertions.assertThat(a.rejections()).as(l).isNotEmpty();
    }
  }

  private static String difference(ParseResult a, ParseResult b) throws IllegalAccessException {
    if (!reasons(a).equals(reasons(b))) {
      return "reasons " + reasons(a) + " vs " + reasons(b) + " details " + details(a) + " vs " + details(b);
    }
    if (!a.fieldErrorsByField().equals(b.fieldErrorsByField())) {
      return "field errors " + a.fieldErrorsByField() + " vs " + b.fieldErrorsByField();
    }
    if (a.format() != b.format() || a.ignoredRecords() != b.ignoredRecords()) {
      return "format/ignored " + a.format() + "/" + a.ignoredRecords() + " vs " + b.format() + "/" + b.ignoredRecords();
    }
    if (a.events().size() != b.events().size()) {
      return "event counts " + a.events().size() + " vs " + b.events().size();
    }
    for (int k = 0; k < a.events().size(); k++) {
      for (Field f : UsageEvent.class.getFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        Object x = f.get(a.events().get(k));
        Object y = f.get(b.events().get(k));
        if (!Objects.equals(x, y)) {
          return "event " + k + " field " + f.getName() + ": " + x + " vs " + y;
        }
      }
    }
    return null;
  }

  private static List<String> reasons(ParseResult r) {
    return r.rejections().stream().map(x -> x.reason).collect(Collectors.toList());
  }

  private static List<String> details(ParseResult r) {
    return r.rejections().stream().map((Rejection x) -> x.detail).collect(Collectors.toList());
  }
}
