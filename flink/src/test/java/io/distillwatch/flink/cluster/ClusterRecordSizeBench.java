package io.distillwatch.flink.cluster;

import io.distillwatch.detect.AccountState;
import io.distillwatch.detect.DetectionContext;
import io.distillwatch.detect.Detector;
import io.distillwatch.detect.PromptDigest;
import io.distillwatch.event.UsageEvent;
import io.distillwatch.ingest.EventParser;
import io.distillwatch.ingest.InputFormat;
import io.distillwatch.ingest.ParseResult;
import io.distillwatch.ingest.UsageEventCodec;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Bench (not a test): mean bytes per event, encoded whole ({@link UsageEventCodec}) and as the scan's
 * cluster stage gets it ({@link EventBytes#of}: no texts, digest relative to the account's previous
 * ones), over the first {@code limit} canonical events of a file, each account's state folded as the
 * account pass would. {@code ClusterRecordSizeBench events.jsonl[.gz] [limit]}.
 */
public final class ClusterRecordSizeBench {
  private ClusterRecordSizeBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long limit = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
    Detector detector = new Detector(DetectionContext.defaults());
    EventParser parser = new EventParser(InputFormat.CANONICAL, null);
    Map<String, AccountState> states = new HashMap<>();
    Map<String, PromptDigest.Writer> writers = new HashMap<>();
    DataOutputSerializer whole = new DataOutputSerializer(1024);
    long events = 0;
    long wholeBytes = 0;
    long clusterBytes = 0;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      long lineNo = 0;
      while (events < limit && (line = lines.readLine()) != null) {
        ParseResult r = parser.parse(line, file.toString(), ++lineNo);
        for (UsageEvent e : r.events()) {
          whole.clear();
          UsageEventCodec.write(e, whole);
          wholeBytes += whole.length();
          AccountState state = states.computeIfAbsent(e.account, detector::newState);
          PromptDigest digest = detector.digest(e);
          PromptDigest.Writer writer = writers.computeIfAbsent(e.account, a -> new PromptDigest.Writer());
          clusterBytes += EventBytes.of(0, e, digest, writer, state).event.length;
          detector.update(state, e, digest);
          events++;
        }
      }
    }
    System.out.printf(
        "%,d events, %,d accounts: %.0f bytes whole, %.0f bytes to the cluster stage%n",
        events, states.size(), (double) wholeBytes / events, (double) clusterBytes / events);
  }
}
