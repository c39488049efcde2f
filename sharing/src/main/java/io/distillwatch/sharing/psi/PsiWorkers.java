package io.distillwatch.sharing.psi;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The threads one party spends on group arithmetic. Work is split into slices of {@link #SLICE}
 * elements so a batch of 16k elements keeps every thread busy; each element is one libsodium call.
 * Threads are named {@code <name>-N} so a benchmark can attribute CPU time to a party.
 */
public final class PsiWorkers implements AutoCloseable {

  static final int SLICE = 512;

  private final ForkJoinPool pool;
  private final int threads;

  public PsiWorkers(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ForkJoinPool(
            threads,
            p -> {
              ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
              t.setName(name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            null,
            false);
  }

  public int threads() {
    return threads;
  }

  /** A body run over index ranges {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  /** Runs {@code body} over {@code [0, n)} on the workers and waits for it. */
  void forRange(int n, RangeBody body) {
    int slices = (n + SLICE - 1) / SLICE;
    if (slices <= 1) {
      body.run(0, n);
      return;
    }
    Runnable all = () -> IntStream.range(0, slices).parallel()
        .forEach(s -> body.run(s * SLICE, Math.min(n, (s + 1) * SLICE)));
    if (ForkJoinTask.getPool() == pool) {
      all.run();
    } else {
      pool.submit(all).join();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
