package io.distillwatch.flink.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Checkpoint format of {@link FileSplit}s (version 1). */
final class FileSplitSerializer implements SimpleVersionedSerializer<FileSplit> {
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(FileSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(split, out);
    }
    return bytes.toByteArray();
  }

  @Override
  public FileSplit deserialize(int version, byte[] serialized) throws IOException {
    checkVersion(version);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(in);
    }
  }

  static void write(FileSplit s, DataOutputStream out) throws IOException {
    out.writeUTF(s.path);
    out.writeUTF(s.displayName);
    out.writeUTF(s.format);
    out.writeInt(s.mapSpecs.size());
    for (String m : s.mapSpecs) {
      out.writeUTF(m);
    }
    out.writeLong(s.recordsToSkip);
  }

  static FileSplit read(DataInputStream in) throws IOException {
    String path = in.readUTF();
    String name = in.readUTF();
    String format = in.readUTF();
    int n = in.readInt();
    List<String> maps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      maps.add(in.readUTF());
    }
    return new FileSplit(path, name, format, maps, in.readLong());
  }

  static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown file split format version " + version);
    }
  }

  /** Checkpoint format of the enumerator's remaining splits. */
  static final class Pending implements SimpleVersionedSerializer<Collection<FileSplit>> {
    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(Collection<FileSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (FileSplit s : splits) {
          write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<FileSplit> deserialize(int version, byte[] serialized) throws IOException {
      checkVersion(version);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<FileSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          splits.add(read(in));
        }
        return splits;
      }
    }
  }
}
