package io.distillwatch.flink.source;

import io.distillwatch.ingest.InputFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source over input files that knows each line's number (Flink's FileSource does not),
 * parses lines with the core {@code EventParser} and yields accepted events and rejections alike.
 * One split per file; stdin ("-") is a split too, readable because the embedded cluster shares the
 * client's JVM.
 */
public final class FileLinesSource
    implements Source<IngestRecord, FileSplit, Collection<FileSplit>> {
  private static final long serialVersionUID = 1L;

  private final List<FileSplit> splits;

  public FileLinesSource(List<InputFile> files, String format, List<String> mapSpecs) {
    this.splits = new ArrayList<>();
    for (InputFile f : files) {
      splits.add(new FileSplit(f.name(), f.name(), format, mapSpecs, 0));
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<IngestRecord, FileSplit> createReader(SourceReaderContext context) {
    return new IteratorSourceReader<>(context);
  }

  @Override
  public SplitEnumerator<FileSplit, Collection<FileSplit>> createEnumerator(
      SplitEnumeratorContext<FileSplit> context) {
    return new IteratorSourceEnumerator<>(context, splits);
  }

  @Override
  public SplitEnumerator<FileSplit, Collection<FileSplit>> restoreEnumerator(
      SplitEnumeratorContext<FileSplit> context, Collection<FileSplit> checkpoint) {
    return new IteratorSourceEnumerator<>(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<FileSplit> getSplitSerializer() {
    return new FileSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<FileSplit>> getEnumeratorCheckpointSerializer() {
    return new FileSplitSerializer.Pending();
  }

  /** The split iterator type: wraps the parser so progress can be read back for checkpoints. */
  public static final class Iter implements Iterator<IngestRecord> {
    final ParsingLineIterator delegate;

    Iter(ParsingLineIterator delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean hasNext() {
      return delegate.hasNext();
    }

    @Override
    public IngestRecord next() {
      return delegate.next();
    }
  }
}
