package io.distillwatch.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Bounded per-account state. PLACEHOLDER implementation, replaced by the signals work. */
public final class AccountState {
  final String account;
  long events;
  long firstTs = Long.MAX_VALUE;
  long lastTs = Long.MIN_VALUE;

  AccountState(String account) {
    this.account = account;
  }

  public String account() {
    return account;
  }

  public long events() {
    return events;
  }

  public Activity activity() {
    return new Activity(firstTs == Long.MAX_VALUE ? 0 : firstTs, 3_600_000L, new int[0]);
  }

  public void write(DataOutput out) throws IOException {
    out.writeUTF(account);
    out.writeLong(events);
    out.writeLong(firstTs);
    out.writeLong(lastTs);
  }

  public static AccountState read(DataInput in) throws IOException {
    AccountState s = new AccountState(in.readUTF());
    s.events = in.readLong();
    s.firstTs = in.readLong();
    s.lastTs = in.readLong();
    return s;
  }
}
