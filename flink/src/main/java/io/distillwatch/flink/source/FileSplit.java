package io.distillwatch.flink.source;

import io.distillwatch.flink.source.FileLinesSource.Iter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;

/** One input file (never split: gzip and line numbers need a single reader), and how far it was read. */
public final class FileSplit implements IteratorSourceSplit<IngestRecord, Iter>, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  final String path;
  final String displayName;
  final String format;
  final List<String> mapSpecs;
  final long recordsToSkip;

  FileSplit(String path, String displayName, String format, List<String> mapSpecs, long recordsToSkip) {
    this.path = path;
    this.displayName = displayName;
    this.format = format;
    this.mapSpecs = new ArrayList<>(mapSpecs);
    this.recordsToSkip = recordsToSkip;
  }

  @Override
  public String splitId() {
    return displayName;
  }

  @Override
  public Iter getIterator() {
    return new Iter(new ParsingLineIterator(this));
  }

  @Override
  public IteratorSourceSplit<IngestRecord, Iter> getUpdatedSplitForIterator(Iter iterator) {
    return new FileSplit(path, displayName, format, mapSpecs, iterator.delegate.consumed);
  }
}
