package io.distillwatch.flink.stream;

import io.distillwatch.flink.source.IngestRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/** Shared by the streaming ITs: parse a gzip'd events file, and run the job over records on the test cluster. */
public final class StreamRuns {
  private StreamRuns() {}

  /** Every line of a gzip'd canonical events file, parsed as the node parses it. */
  public static List<IngestRecord> records(Path eventsGz) throws IOException {
    List<IngestRecord> records = new ArrayList<>();
    RecordParser parser = new RecordParser("auto", List.of());
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(eventsGz)), StandardCharsets.UTF_8))) {
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        parser.parse(line.getBytes(StandardCharsets.UTF_8), "sample", ++n, records::add);
      }
    }
    return records;
  }

  /** The job's verdict changes over {@code records} (one source, watermarks as configured). */
  public static <S> List<VerdictChange> run(
      List<IngestRecord> records, AccountRules<S> rules, StreamSettings settings, int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    DataStream<IngestRecord> source =
        env.fromData(records, TypeInformation.of(IngestRecord.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(StreamJob.watermarks(settings))
            .setParallelism(1);
    List<VerdictChange> out = new ArrayList<>();
    try (CloseableIterator<VerdictChange> it =
        StreamJob.detect(source, rules, settings).changes().executeAndCollect("run-p" + parallelism)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }
}
