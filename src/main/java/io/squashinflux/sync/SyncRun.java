package io.squashinflux.sync;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.enrich.Enricher;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.source.Checkpoint;
import io.squashinflux.pipeline.Pipeline;
import io.squashinflux.pipeline.Progress;
import io.squashinflux.sink.Sink;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import io.squashinflux.ledger.Summary;
import io.squashinflux.source.JobItems;
import io.squashinflux.source.JobSource;
import io.squashinflux.source.SourceException;
import io.squashinflux.state.Identity;
import io.squashinflux.state.StateException;
import io.squashinflux.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One configured sync from a source into a sink, run once ({@code sync}) or again and again
 * ({@code watch}): each cycle runs a {@link Pipeline} from the jobs the state does not hold yet
 * into the sink, then saves the state, on this thread, whatever ended the cycle.
 */
public final class SyncRun implements AutoCloseable {
  private final JobSource source;
  private final Sink sink;
  private final InfluxTarget target;
  private final Mapping mapping;
  private final StatePlace place;
  private final String modelFingerprint;
  /** Opened once the API is known, since the state's identity holds it; null with --no-state. */
  private StateStore state;
  /** Opened with the state, beside it. */
  private RejectsLog rejects;
  private Pipeline current;
  private boolean stopped;
  private Summary last;

  /**
   * A sync from {@code source} into {@code sink}, mapped by {@code mapping}, in batches as
   * {@code target} says; the state and rejects file go where {@code place} says.
   */
  public SyncRun(JobSource source, Sink sink, InfluxTarget target, Mapping mapping,
      String modelFingerprint, StatePlace place) throws StateException {
    this.source = source;
    this.target = target;
    this.mapping = mapping;
    this.sink = sink;
    this.place = place;
    this.modelFingerprint = modelFingerprint;
    openState();
  }

  /**
   * Detects the API (with --influx-api auto), creates the database or checks the bucket (or checks
   * InfluxDB answers) before anything is read, and opens the state, whose identity names the API's
   * destination: v1's database as before, v2's org and bucket, v3's database.
   */
  public void prepare() throws DeliveryException, InterruptedException, StateException {
    sink.open();
    if (rejects == null) {
      openState();
    }
  }

  /** Opens the state and the rejects file beside it, once the destination is known. */
  private void openState() throws StateException {
    String destination = sink.identity();
    if (destination == null) {
      return;
    }
    Identity identity = new Identity(source.describe(), destination, modelFingerprint);
    Path statePath = place.state().apply(identity);
    rejects = new RejectsLog(place.rejects().apply(statePath), Clock.systemUTC());
    state = place.none() ? null
        : StateStore.open(statePath, identity, Clock.systemUTC(), Duration.ofSeconds(2));
  }

  /** {@code v1}, {@code v2} or {@code v3}: the API used (once prepared). */
  public String api() {
    return sink.api();
  }

  /** The API used and where it writes, one line for the summary. */
  public String target() {
    return sink.describe();
  }

  /** One pass: list, fetch what is new or failed, write; returns the pass's summary. */
  public Summary cycle(boolean full, boolean retryRejected, Progress progress)
      throws SourceException, DeliveryException, InterruptedException, IOException {
    Ledger ledger = new Ledger(rejects);
    last = ledger.summary();
    if (state != null && full) {
      state.clear();
    }
    Mapper mapper = new Mapper(mapping, ledger);
    Pipeline[] pipeline = new Pipeline[1];
    JobItems items = new JobItems(source, state == null ? Checkpoint.NONE : state,
        key -> state == null || !state.isSynced(key) && (retryRejected || !state.isRefused(key)),
        (listed, duplicates, todo) -> {
          ledger.listed(listed.size());
          ledger.duplicates(duplicates);
          if (state != null) {
            ledger.alreadySynced(listed.stream().filter(state::isSynced).count());
            ledger.vanished(vanished(listed));
          }
          pipeline[0].expect(todo.size());
        });
    pipeline[0] = Pipeline.ofJobs(items, new Enricher(mapper, source.ciRuns()), mapper, sink, ledger,
        progress, target.batchLines(), target.batchBytes(), System::nanoTime);
    try {
      runUnlessStopped(pipeline[0]);
    } finally {
      saveState();
      if (state != null) {
        ledger.refusedKept(state.refused().size());
      }
      last = ledger.summary();
      rejects.flush();
    }
    return last;
  }

  /** The summary of the last cycle so far, also of one a fatal error ended. */
  public Summary lastSummary() {
    return last;
  }

  /** Runs the pipeline, registered so that {@link #stop} reaches it. */
  private void runUnlessStopped(Pipeline pipeline)
      throws SourceException, DeliveryException, InterruptedException {
    synchronized (this) {
      if (stopped) {
        pipeline.stop();
      }
      current = pipeline;
    }
    try {
      pipeline.run();
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
  public void stop() {
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

  private void saveState() throws IOException {
    if (state != null) {
      try {
        state.save();
      } catch (IOException e) {
        throw new IOException("cannot save the state " + e.getMessage()
            + "; the previous state is kept (free some space, or use another --state)", e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
      rejects.close();
      sink.close();
    } finally {
      if (state != null) {
        state.close();
      }
    }
  }
}
