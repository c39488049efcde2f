package io.distillwatch.flink.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.distillwatch.detect.DetectionContext;
import io.distillwatch.detect.Detector;
import io.distillwatch.detect.PromptDigest;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.cluster.ClusteredEvent;
import io.distillwatch.flink.cluster.EventBytes;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ClusteredEventSerializerTest {
  private static final Detector DETECTOR = new Detector(DetectionContext.defaults());
  private final ClusteredEventSerializer serializer = new ClusteredEventSerializer();

  @Test
  void theClusterProfileSurvivesTheShuffle() throws Exception {
    UsageEvent e = new UsageEvent();
    e.ts = 1_772_323_200_000L;
    e.account = "acct-1";
    e.userText = "hello";
    e.system = "You are a grader.";
    e.requestId = "req-1";
    e.ip = "198.51.100.7";
    PromptDigest digest = DETECTOR.digest(e);
    ClusteredEvent tagged = new ClusteredEvent(0x8d2f00c1a2b3c4d5L, 17, EventBytes.of(41, e, digest, new PromptDigest.Writer(), DETECTOR.newState("acct-1")).event);
    tagged.profile = new AccountInfo("c-1");
    tagged.profile.createdAt = 1_772_000_000_000L;
    tagged.profile.emailDomain = "mailinator.com";
    tagged.profile.signupPath = "education";
    tagged.profile.verified = false;

    ClusteredEvent back = roundTrip(tagged);

    assertThat(back.cluster).isEqualTo(0x8d2f00c1a2b3c4d5L);
    assertThat(back.ordinal).isEqualTo(17);
    EventBytes.Digested decoded = EventBytes.decode(back.event, new DataInputDeserializer());
    assertThat(decoded.seq()).isEqualTo(41);
    assertThat(decoded.event().account).isEqualTo("acct-1");
    assertThat(decoded.event().ts).isEqualTo(e.ts);
    assertThat(decoded.event().userText).as("texts stay with the account pass").isNull();
    assertThat(decoded.event().system).isNull();
    assertThat(decoded.event().requestId).as("not read by detection").isNull();
    assertThat(decoded.event().ip).isEqualTo("198.51.100.7");
    assertThat(e.requestId).isEqualTo("req-1");
    assertThat(e.userText).as("the event itself keeps its texts").isEqualTo("hello");
    DataOutputSerializer original = new DataOutputSerializer(64);
    digest.write(original);
    DataOutputSerializer carried = new DataOutputSerializer(64);
    decoded.digest().write(carried);
    assertThat(carried.getCopyOfBuffer()).isEqualTo(original.getCopyOfBuffer());
    assertThat(back.profile).usingRecursiveComparison().isEqualTo(tagged.profile);
  }

  @Test
  void mostEventsCarryNoProfile() throws Exception {
    UsageEvent e = new UsageEvent();
    e.account = "acct-2";
    e.userText = "";
    assertThat(roundTrip(new ClusteredEvent(2L, 0, EventBytes.of(0, e, DETECTOR.digest(e), new PromptDigest.Writer(), DETECTOR.newState("acct-2")).event)).profile).isNull();
  }

  @Test
  void aProfileRecordCarriesNoEvent() throws Exception {
    AccountInfo profile = new AccountInfo("c-0000000000000003");
    profile.signupPath = "api";
    ClusteredEvent back = roundTrip(ClusteredEvent.profile(3L, 5, profile));
    assertThat(back.event).isNull();
    assertThat(back.cluster).isEqualTo(3L);
    assertThat(back.ordinal).isEqualTo(5);
    assertThat(back.profile).usingRecursiveComparison().isEqualTo(profile);
  }

  private ClusteredEvent roundTrip(ClusteredEvent in) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(in, out);
    return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
