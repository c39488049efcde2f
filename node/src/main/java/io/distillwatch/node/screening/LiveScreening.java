package io.distillwatch.node.screening;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.AccountInfo;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.ingest.AccountsFile;
import io.distillwatch.screening.Outcome;
import io.distillwatch.screening.Ownership;
import io.distillwatch.screening.Screener;
import io.distillwatch.screening.ScreeningOptions;
import io.distillwatch.screening.ScreeningResult;
import io.distillwatch.screening.lists.ListFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screening while the node runs: accounts are screened as they appear (the watched accounts file,
 * or the accounts topic), a changed list file is reloaded without a restart or a gap (the new
 * {@link Screener} is built beside the old one and swapped in atomically; requests in flight finish
 * on the old one) and every known account is screened again, and each change of an account's
 * outcome goes to the node's sinks as a {@code kind: "screening"} verdict change (DESIGN §4) whose
 * signals are the screening object (DESIGN §6). One thread applies accounts and list changes, in
 * order; {@link #screen} answers a sign-up from any thread. Results are evidence for a reviewer,
 * never a legal clearance.
 */
public final class LiveScreening implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveScreening.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An account's outcome as last emitted, and the seq of that change. */
  record Current(String outcome, long seq) {}

  private final ListsWatch lists;
  private final ScreeningOptions options;
  private final List<ScreeningChanges> sinks;
  private final AtomicReference<Screener> screener = new AtomicReference<>();
  /** Accounts known so far; changed only on the worker thread. */
  private final Map<String, AccountInfo> accounts = new LinkedHashMap<>();
  private final Map<String, Current> current = new HashMap<>();
  /** Each known account's own result (before cluster affiliation). */
  private final Map<String, ScreeningResult> own = new HashMap<>();
  /** Cluster → members, as far as the job publishes them ({@link ClusterFeed}). */
  private final Map<String, java.util.Set<String>> clusters = new HashMap<>();
  private final Map<String, String> clusterOf = new HashMap<>();
  private final ClusterFeed clusterFeed;
  private volatile Ownership ownership = Ownership.of(List.of());
  private final ScheduledExecutorService worker;
  private final AccountsWatch accountsFile;
  private final AccountsTopic accountsTopic;
  private final Map<String, Long> counters = new ConcurrentHashMap<>();

  private LiveScreening(ListsWatch lists, ScreeningOptions options, List<ScreeningChanges> sinks,
      Map<String, Current> restored, Path accountsFile, AccountsTopic.Settings topic,
      ClusterFeed clusterFeed) {
    this.clusterFeed = clusterFeed;
    this.lists = lists;
    this.options = options;
    this.sinks = sinks;
    this.current.putAll(restored);
    this.accountsFile = accountsFile == null ? null : new AccountsWatch(accountsFile);
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "live-screening");
      t.setDaemon(true);
      return t;
    });
    this.accountsTopic = topic == null ? null : new AccountsTopic(topic, this::offer);
  }

  /**
   * Loads the lists, restores every account's last outcome from the store, screens the accounts
   * known at start and then watches for changes every {@code interval}.
   */
  public static LiveScreening start(LiveScreeningConfig config) throws ListFormatException, Exception {
    ListsWatch lists = new ListsWatch(config.listsDir());
    List<ScreeningChanges> sinks = new ArrayList<>();
    sinks.add(new StoreScreeningChanges(config.store()));
    if (config.kafkaBootstrap() != null && config.outputTopic() != null) {
      sinks.add(new KafkaScreeningChanges(config.kafkaBootstrap(), config.outputTopic()));
    }
    LiveScreening live = new LiveScreening(lists, config.options(), sinks,
        StoreScreeningChanges.current(config.store()), config.accountsFile(), config.accountsTopic(),
        new ClusterFeed(config.store()));
    live.screener.set(Screener.of(lists.load(config.options()), config.options()));
    live.worker.submit(live::refreshAccountsFile).get();
    long ms = config.interval().toMillis();
    live.worker.scheduleWithFixedDelay(live::poll, ms, ms, TimeUnit.MILLISECONDS);
    if (live.accountsTopic != null) {
      live.accountsTopic.start();
    }
    return live;
  }

  /** Screens one sign-up with the lists as they are now; owners among the known accounts. */
  public ScreeningResult screen(AccountInfo account) {
    return screener.get().screen(account, ownership);
  }

  /** The lists' receipts in use, for a reader to check which version answered. */
  public String listsFingerprint() {
    return lists.fingerprint();
  }

  /** Counts for metrics and tests: accounts, changes, reloads, rejected records. */
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>(counters);
    out.put("lists_entries", (long) screener.get().index().entryCount());
    return out;
  }

  /** Hands accounts (from the topic) to the worker thread. */
  void offer(Collection<AccountInfo> batch) {
    worker.execute(() -> apply(batch));
  }

  private void poll() {
    try {
      if (lists.changed()) {
        reloadLists();
      }
      refreshAccountsFile();
      refreshClusters();
    } catch (Exception e) {
      // keep watching: a half-written or broken list file keeps the lists in use until it is fixed
      count("errors");
      LOG.warn("live screening: {}", e.getMessage());
    }
  }

  private void reloadLists() throws ListFormatException {
    Screener next = Screener.of(lists.load(options), options);
    screener.set(next); // requests in flight finish on the previous index
    count("reloads");
    LOG.info("live screening: lists reloaded ({} entries); screening {} accounts again",
        next.index().entryCount(), accounts.size());
    emitChanges(next.screenAll(accounts.values()));
  }

  private void refreshAccountsFile() {
    if (accountsFile == null) {
      return;
    }
    List<AccountInfo> changed = accountsFile.changedAccounts();
    if (!changed.isEmpty()) {
      apply(changed);
    }
  }

  /** Members that joined a cluster: the cluster's accounts are looked at again. */
  private void refreshClusters() throws java.sql.SQLException {
    java.util.Set<String> affected = new java.util.HashSet<>();
    for (Map.Entry<String, String> m : clusterFeed.newMemberships().entrySet()) {
      String before = clusterOf.put(m.getKey(), m.getValue());
      if (m.getValue().equals(before)) {
        continue;
      }
      if (before != null) {
        clusters.getOrDefault(before, new java.util.HashSet<>()).remove(m.getKey());
        affected.addAll(clusters.getOrDefault(before, java.util.Set.of()));
      }
      clusters.computeIfAbsent(m.getValue(), k -> new java.util.HashSet<>()).add(m.getKey());
      affected.addAll(clusters.get(m.getValue()));
    }
    if (!affected.isEmpty()) {
      emitEffective(affected);
    }
  }

  /** New or changed accounts: remembered, then screened (owners among all known accounts). */
  private void apply(Collection<AccountInfo> batch) {
    List<AccountInfo> fresh = new ArrayList<>();
    for (AccountInfo a : batch) {
      if (a.account != null) {
        accounts.put(a.account, a);
        fresh.add(a);
      }
    }
    ownership = Ownership.of(accounts.values());
    Screener s = screener.get();
    Ownership o = ownership;
    emitChanges(fresh.parallelStream().map(a -> s.screen(a, o)).toList());
    counters.put("accounts", (long) accounts.size());
  }

  /**
   * Takes the accounts' own results, applies cluster affiliation (members of a cluster with a listed
   * account get review) and emits what changed, for these accounts and their clusters' members.
   */
  private void emitChanges(List<ScreeningResult> results) {
    java.util.Set<String> affected = new java.util.HashSet<>();
    for (ScreeningResult r : results) {
      own.put(r.account(), r);
      affected.add(r.account());
      String cluster = clusterOf.get(r.account());
      if (cluster != null) {
        affected.addAll(clusters.get(cluster));
      }
    }
    emitEffective(affected);
  }

  private void emitEffective(java.util.Set<String> affected) {
    Map<String, java.util.Set<String>> relevant = new HashMap<>();
    for (String a : affected) {
      String c = clusterOf.get(a);
      if (c != null) {
        relevant.put(c, clusters.get(c));
      }
    }
    Map<String, ScreeningResult> effective =
        io.distillwatch.screening.ClusterAffiliation.apply(own, relevant);
    List<ScreeningResult> out = new ArrayList<>();
    for (String a : affected) {
      ScreeningResult r = effective.get(a);
      if (r != null) {
        out.add(r);
      }
    }
    emit(out);
  }

  /** Emits each result whose outcome differs from the account's last one (new accounts: no_match). */
  private void emit(List<ScreeningResult> results) {
    long now = System.currentTimeMillis();
    for (ScreeningResult r : results) {
      Current before = current.getOrDefault(r.account(), new Current(Outcome.NO_MATCH.code(), 0));
      String to = r.outcome().code();
      if (to.equals(before.outcome())) {
        continue;
      }
      VerdictChange change;
      try {
        change = new VerdictChange(ScreeningChanges.KIND, r.account(), before.outcome(), to,
            r.score(), now, JSON.writeValueAsString(r), before.seq() + 1);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      for (ScreeningChanges sink : sinks) {
        try {
          sink.emit(change);
        } catch (Exception e) {
          // the store is the record; a sink that failed gets the change again at the next change
          count("sink_errors");
          LOG.warn("live screening: cannot emit a change to {}: {}", sink.getClass().getSimpleName(),
              e.getMessage());
        }
      }
      current.put(r.account(), new Current(to, change.seq));
      count("changes");
    }
  }

  private void count(String key) {
    counters.merge(key, 1L, Long::sum);
  }

  /** Waits until the worker has applied everything handed to it so far (tests, shutdown). */
  public void awaitIdle() throws Exception {
    worker.submit(() -> {}).get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (accountsTopic != null) {
      accountsTopic.close();
    }
    worker.shutdown();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ScreeningChanges s : sinks) {
      s.close();
    }
    clusterFeed.close();
  }

  /** The watched accounts file: accounts new or changed since the last look. */
  private static final class AccountsWatch {
    private final Path file;
    private String stamp = "";
    private final Map<String, AccountInfo> seen = new HashMap<>();

    AccountsWatch(Path file) {
      this.file = file;
    }

    List<AccountInfo> changedAccounts() {
      String now = ListsWatch.stamp(file);
      if (now.equals(stamp)) {
        return List.of();
      }
      stamp = now;
      if (now.isEmpty()) {
        return List.of(); // not there (yet)
      }
      List<AccountInfo> changed = new ArrayList<>();
      for (AccountInfo a : AccountsFile.load(file).entries().values()) {
        AccountInfo before = seen.put(a.account, a);
        if (before == null || !sameForScreening(before, a)) {
          changed.add(a);
        }
      }
      return changed;
    }

    private static boolean sameForScreening(AccountInfo x, AccountInfo y) {
      return java.util.Objects.equals(x.orgName, y.orgName)
          && java.util.Objects.equals(x.parentOrg, y.parentOrg)
          && java.util.Objects.equals(x.ownershipPct, y.ownershipPct)
          && java.util.Objects.equals(x.effectiveEmailDomain(), y.effectiveEmailDomain())
          && java.util.Objects.equals(x.website, y.website)
          && java.util.Objects.equals(x.country, y.country);
    }
  }
}
