package io.distillwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.event.UsageEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageEventCodecTest {

  /** Every public instance field, so a field added to UsageEvent and forgotten by the codec fails here. */
  private static List<Field> fields() {
    List<Field> out = new ArrayList<>();
    for (Field f : UsageEvent.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        out.add(f);
      }
    }
    return out;
  }

  private static String randomString(Random r) {
    int kind = r.nextInt(5);
    int n = kind == 0 ? 0 : kind == 3 ? 16_000 + r.nextInt(20_000) : r.nextInt(50);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int c = kind == 4 ? 9 : r.nextInt(10);
      b.append(c == 0 ? (char) (0xD800 + r.nextInt(0x800)) : c == 1 ? (char) r.nextInt(0x10000) : c == 2 ? '\0' : (char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  private static Object randomValue(Class<?> t, Random r) {
    boolean primitive = t.isPrimitive();
    if (!primitive && r.nextInt(3) == 0) {
      return null;
    }
    if (t == String.class) return randomString(r);
    if (t == long.class || t == Long.class) return r.nextLong();
    if (t == int.class || t == Integer.class) return r.nextInt();
    if (t == Double.class) return r.nextInt(5) == 0 ? Double.NaN : r.nextGaussian();
    if (t == Boolean.class) return r.nextBoolean();
    throw new AssertionError("no generator for field type " + t);
  }

  private static UsageEvent randomEvent(Random r) throws Exception {
    UsageEvent e = new UsageEvent();
    for (Field f : fields()) {
      f.set(e, randomValue(f.getType(), r));
    }
    return e;
  }

  private static void assertSameFields(UsageEvent actual, UsageEvent expected, long seed) throws Exception {
    for (Field f : fields()) {
      assertThat(f.get(actual)).as("field %s, seed %d", f.getName(), seed).isEqualTo(f.get(expected));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void roundTripKeepsEveryField(long seed) throws Exception {
    Random r = new Random(seed);
    List<UsageEvent> events = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (int i = 0; i < 20; i++) {
      UsageEvent e = randomEvent(r);
      events.add(e);
      UsageEventCodec.write(e, out);
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    for (UsageEvent e : events) {
      assertSameFields(UsageEventCodec.read(in), e, seed);
      assertSameFields(UsageEventCodec.copy(e), e, seed);
    }
    assertThat(in.available()).as("bytes left over, seed %d", seed).isZero();
  }
}
