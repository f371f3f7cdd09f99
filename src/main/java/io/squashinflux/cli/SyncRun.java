package io.squashinflux.cli;

import io.squashinflux.delivery.DeliveryException;
import io.squashinflux.delivery.InfluxTarget;
import io.squashinflux.delivery.InfluxWriter;
import io.squashinflux.delivery.LineSink;
import io.squashinflux.report.Urls;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.report.Ledger;
import io.squashinflux.report.RejectsLog;
import io.squashinflux.report.Summary;
import io.squashinflux.retry.Retrier;
import io.squashinflux.source.JobSource;
import io.squashinflux.source.SourceException;
import io.squashinflux.state.Identity;
import io.squashinflux.state.StateException;
import io.squashinflux.state.StateStore;
import io.squashinflux.sync.Encoding;
import io.squashinflux.sync.JobListener;
import io.squashinflux.sync.Progress;
import io.squashinflux.sync.Sync;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One configured sync from a source into InfluxDB, run once ({@code sync}) or again and again
 * ({@code watch}): lists the source's jobs, fetches those the state does not hold yet, and
 * records each job as synced once InfluxDB acknowledged it.
 */
final class SyncRun implements AutoCloseable {
  private final JobSource source;
  private final LineSink writer;
  private final InfluxTarget target;
  private final Mapping mapping;
  /** The writer when the points go to InfluxDB (not --to): its API decides the state's identity. */
  private final InfluxWriter influx;
  private final OutputOptions output;
  private final StateOptions stateOptions;
  private final String modelFingerprint;
  /** Opened once the API is known, since the state's identity holds it; null with --no-state. */
  private StateStore state;
  private final RejectsLog rejects;
  private Sync current;
  private boolean stopped;

  SyncRun(SourceOptions sourceOptions, ModelOptions model, InfluxOptions influx,
      OutputOptions output, RetryOptions retry, StateOptions stateOptions, ReportOptions report)
      throws StateException {
    Retrier retrier = retry.retrier();
    this.target = influx.target(sourceOptions.http());
    this.mapping = model.load();
    // Packages are read only when the model writes them: they are most of a job's meta.
    this.source = sourceOptions.open(retrier, influx.caCert, mapping.packages());
    this.writer = output.open(target, retrier);
    this.rejects = new RejectsLog(report.rejects, Clock.systemUTC());
    this.stateOptions = stateOptions;
    this.modelFingerprint = model.fingerprint();
    this.output = output;
    this.influx = writer instanceof InfluxWriter influxWriter ? influxWriter : null;
    if (influx == null || target.api().version() != null) {
      openState();
    }
  }

  /**
   * Detects the API (with --influx-api auto), creates the database or checks the bucket (or checks
   * InfluxDB answers) before anything is read, and opens the state, whose identity names the API's
   * destination: v1's database as before, v2's org and bucket, v3's database.
   */
  void prepare() throws DeliveryException, InterruptedException, StateException {
    writer.prepare();
    if (state == null) {
      openState();
    }
  }

  private void openState() throws StateException {
    if (stateOptions.noState || influx != null && influx.api() == null) {
      return;
    }
    String destination = influx == null ? output.describe(target)
        : Urls.masked(target.url().toString()) + " " + influx.destination();
    Identity identity = new Identity(source.describe(), destination, modelFingerprint);
    state = StateStore.open(stateOptions.path(identity, target.database()), identity,
        Clock.systemUTC(), Duration.ofSeconds(2));
  }

  /** {@code v1}, {@code v2} or {@code v3}: the API used (once prepared). */
  String api() {
    return influx == null || influx.api() == null ? null : influx.api().label();
  }

  /** The API used and where it writes, one line for the summary. */
  String target() {
    return influx == null ? output.describe(target) : influx.describe();
  }

  /** One pass: list, fetch what is new or failed, write; returns the pass's summary. */
  Summary cycle(boolean full, Progress progress)
      throws SourceException, DeliveryException, InterruptedException {
    Ledger ledger = new Ledger(rejects);
    List<String> keys = source.list();
    ledger.listed(keys.size());
    List<String> todo = keys;
    JobListener listener = JobListener.NONE;
    if (state != null) {
      if (full) {
        state.clear();
      }
      todo = new ArrayList<>();
      for (String key : keys) {
        if (!state.isSynced(key)) {
          todo.add(key);
        }
      }
      ledger.alreadySynced(keys.size() - todo.size());
      ledger.vanished(vanished(keys));
      listener = new StateListener(state);
    }
    Mapper mapper = new Mapper(mapping, source.ciRuns(), ledger);
    Sync sync = new Sync(source, new Encoding(mapper, ledger, null), writer, ledger, listener,
        progress, target.batchLines(), target.batchBytes());
    try {
      runUnlessStopped(sync, todo);
    } finally {
      saveState();
      rejects.flush();
    }
    return ledger.summary();
  }

  /** Runs the sync, registered so that {@link #stop} reaches it. */
  private void runUnlessStopped(Sync sync, List<String> todo)
      throws DeliveryException, InterruptedException {
    synchronized (this) {
      if (stopped) {
        sync.stop();
      }
      current = sync;
    }
    try {
      sync.run(todo);
    } finally {
      synchronized (this) {
        current = null;
      }
    }
  }

  /**
   * Stops the cycle in flight, and any later one, gracefully: jobs already read are written and
   * recorded, no more are fetched. Callable from any thread, e.g. a signal handler.
   */
  void stop() {
    synchronized (this) {
      stopped = true;
      if (current != null) {
        current.stop();
      }
    }
  }

  private List<String> vanished(List<String> keys) {
    Set<String> listed = new HashSet<>(keys);
    List<String> gone = new ArrayList<>();
    for (String key : state.syncedKeys()) {
      if (!listed.contains(key)) {
        gone.add(key);
      }
    }
    return gone;
  }

  private void saveState() {
    if (state != null) {
      // A fatal answer mid-write interrupts this thread; an interrupt would close the file's channel.
      boolean interrupted = Thread.interrupted();
      try {
        state.save();
      } catch (IOException e) {
        throw new UserError("cannot save the state " + state.path() + ": " + e);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  String stateDescription() {
    return state == null ? "no state" : "state " + state.path();
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
      rejects.close();
      writer.close();
    } finally {
      if (state != null) {
        state.close();
      }
    }
  }

  /** Records finished jobs in the state. */
  private record StateListener(StateStore state) implements JobListener {
    @Override
    public void synced(String key) {
      state.synced(key);
    }

    @Override
    public void failed(String key) {
      state.failed(key);
    }
  }
}
