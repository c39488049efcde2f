package io.distillwatch.flink.state;

import io.distillwatch.detect.AccountState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link AccountState}, delegating to the state's own versioned codec
 * ({@link AccountState#write}/{@link AccountState#read}), so the byte layout lives in one place
 * (core) and checkpoints stay readable as long as the core codec reads its old versions.
 */
public final class AccountStateSerializer extends TypeSerializerSingleton<AccountState> {
  private static final long serialVersionUID = 1L;
  public static final AccountStateSerializer INSTANCE = new AccountStateSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public AccountState createInstance() {
    return null;
  }

  @Override
  public AccountState copy(AccountState from) {
    if (from == null) {
      return null;
    }
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      from.write(new java.io.DataOutputStream(bytes));
      return AccountState.read(
          new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new IllegalStateException("account state codec failed", e);
    }
  }

  @Override
  public AccountState copy(AccountState from, AccountState reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(AccountState record, DataOutputView target) throws IOException {
    record.write(target);
  }

  @Override
  public AccountState deserialize(DataInputView source) throws IOException {
    return AccountState.read(source);
  }

  @Override
  public AccountState deserialize(AccountState reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<AccountState> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Compatibility is delegated to the codec's version byte; the snapshot carries no parameters. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<AccountState> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
