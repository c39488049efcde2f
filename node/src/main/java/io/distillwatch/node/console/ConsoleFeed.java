package io.distillwatch.node.console;

import io.distillwatch.event.UsageEvent;
import io.distillwatch.flink.source.IngestRecord;
import io.distillwatch.flink.types.SerializerTypeInfo;
import io.distillwatch.node.store.StoreConfig;
import io.distillwatch.node.store.StoreSink;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The console's branch of the node job: the parsed events, keyed by account, through
 * {@link ActivityFunction} into the store (hourly activity and example prompts). Independent of
 * detection: it neither reads nor changes verdicts.
 */
public final class ConsoleFeed {
  public static final String UID = "console-activity";
  public static final String UID_SINK = "store-console";

  private ConsoleFeed() {}

  public static void attach(DataStream<IngestRecord> records, ActivitySettings settings, Duration idleExpiry, StoreConfig store) {
    records
        .filter(r -> r.event != null && r.event.account != null)
        .name("console: events")
        .uid("console-events")
        .map(r -> r.event, SerializerTypeInfo.USAGE_EVENT)
        .name("console: event")
        .uid("console-event")
        .keyBy((UsageEvent e) -> e.account)
        .process(new ActivityFunction(settings, idleExpiry), TypeInformation.of(ConsoleRow.class))
        .name("console: activity and examples")
        .uid(UID)
        .sinkTo(StoreSink.consoleRows(store))
        .name("store: console")
        .uid(UID_SINK);
  }

}
