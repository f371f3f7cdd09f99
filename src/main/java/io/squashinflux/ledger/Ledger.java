package io.squashinflux.ledger;

import io.squashinflux.lineprotocol.Notes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The account of one run: what was listed, skipped, synced, failed, written, dropped, changed and
 * rejected, each with its reason. Every stage writes here; the summary and the exit code are read
 * from here. Thread-safe.
 */
public final class Ledger implements Notes {
  private static final int FAILURES_KEPT = 20;
  private static final int OK_CODE = Summary.OK;

  private final RejectsLog rejects;
  private final AtomicLong listed = new AtomicLong();
  private final AtomicLong alreadySynced = new AtomicLong();
  private final AtomicLong synced = new AtomicLong();
  private final AtomicLong pointsWritten = new AtomicLong();
  private final AtomicLong fieldsWritten = new AtomicLong();
  private final AtomicLong linesRejected = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong refusedJobs = new AtomicLong();
  private final AtomicLong refusedKept = new AtomicLong(-1);
  private final Tally filtered = new Tally();
  private final Tally failed = new Tally();
  private final Tally dropped = new Tally();
  private final Tally changed = new Tally();
  private final Tally rejected = new Tally();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
  private final List<String> vanished = Collections.synchronizedList(new ArrayList<>());

  public Ledger(RejectsLog rejects) {
    this.rejects = rejects;
  }

  public RejectsLog rejects() {
    return rejects;
  }

  @Override
  public void dropped(String job, String key, String reason) {
    dropped.add(reason, key);
    rejects.record("dropped", job, key, null, reason);
  }

  @Override
  public void changed(String job, String key, String reason) {
    changed.add(reason, key);
    rejects.record("changed", job, key, null, reason);
  }

  public void listed(long jobs) {
    listed.addAndGet(jobs);
  }

  public void alreadySynced(long jobs) {
    alreadySynced.addAndGet(jobs);
  }

  /** A job deliberately not written (dataset filter); {@code loss} when it should have been. */
  public void skipped(String job, String reason, boolean loss) {
    if (!loss) {
      filtered.add(reason, null);
    } else {
      failed.add(reason, null);
      keep(job + ": " + reason);
      rejects.record("skipped", job, null, null, reason);
    }
  }

  /** A job that could not be read or written at all. */
  public void failed(String job, String reason) {
    failed.add(firstWords(reason), null);
    keep(reason.startsWith(job + ": ") ? reason : job + ": " + reason);
    rejects.record("failed", job, null, null, reason);
  }

  public void synced(String job) {
    synced.incrementAndGet();
  }

  /** The source listed this many keys more than once (each is read once). */
  public void duplicates(long keys) {
    duplicates.addAndGet(keys);
  }

  /** A job the sink refused points of: not synced, kept apart for {@code --retry-rejected}. */
  public void refusedJob(String job, String reason) {
    refusedJobs.incrementAndGet();
  }

  /** How many jobs the state holds as refused at the end of the run, this run's included. */
  public void refusedKept(long jobs) {
    refusedKept.set(jobs);
  }

  public void written(long points, long fields) {
    pointsWritten.addAndGet(points);
    fieldsWritten.addAndGet(fields);
  }

  public void rejected(String job, String line, String reason) {
    linesRejected.incrementAndGet();
    rejected.add(reason, null);
    rejects.record("rejected", job, null, line, reason);
  }

  /** Jobs that were synced before but are no longer listed by the source. */
  public void vanished(List<String> keys) {
    vanished.addAll(keys);
  }

  public Summary summary() {
    return new Summary(
        listed.get(), alreadySynced.get(), filtered.total(),
        synced.get(), failed.total(), pointsWritten.get(), fieldsWritten.get(), linesRejected.get(),
        filtered.byReason(), failed.byReason(), List.copyOf(failures),
        breakdown(dropped), breakdown(changed), rejected.byReason(),
        List.copyOf(vanished), rejects.path() == null || rejects.records() == 0 ? null : rejects.path().toString(),
        refusedJobs.get(), refusedKept.get() < 0 ? refusedJobs.get() : refusedKept.get(),
        duplicates.get(), null, OK_CODE);
  }

  private static List<Summary.Count> breakdown(Tally tally) {
    List<Summary.Count> counts = new ArrayList<>();
    tally.byReason().forEach((reason, count) -> counts.add(new Summary.Count(reason, count, tally.keys(reason))));
    return counts;
  }

  private void keep(String failure) {
    synchronized (failures) {
      if (failures.size() < FAILURES_KEPT) {
        failures.add(failure);
      }
    }
  }

  /** Groups failures by the kind of reason, not by job: "job 12: not found (404)" counts as "not found (404)". */
  private static String firstWords(String reason) {
    int colon = reason.lastIndexOf(": ");
    return colon >= 0 && colon + 2 < reason.length() ? reason.substring(colon + 2) : reason;
  }
}
