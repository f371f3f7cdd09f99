package io.squashinflux.source;

import io.squashinflux.source.Checkpoint;
import io.squashinflux.source.Item;
import io.squashinflux.source.Source;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The API and the job files as a pipeline {@link Source}: list the keys once (a key listed twice
 * is fetched once, and the listing reports it), keep those still to do, and fetch them, several
 * in flight. Each job's ack goes to the {@link Checkpoint} (the state file).
 */
public final class JobItems implements Source {

  /** Hears what the listing found, for the run's summary. */
  public interface Listing {
    /** {@code unique} keys listed, {@code duplicates} more listed again; {@code todo} to fetch. */
    void listed(List<String> unique, int duplicates, List<String> todo);
  }

  private final JobSource jobs;
  private final Checkpoint checkpoint;
  private final Predicate<String> todo;
  private final Listing listing;

  /** {@code todo} says which listed keys to fetch (those the state does not hold as done). */
  public JobItems(JobSource jobs, Checkpoint checkpoint, Predicate<String> todo, Listing listing) {
    this.jobs = jobs;
    this.checkpoint = checkpoint;
    this.todo = todo;
    this.listing = listing;
  }

  @Override
  public String describe() {
    return jobs.describe();
  }

  @Override
  public void read(Receiver receiver) throws SourceException, InterruptedException {
    List<String> listed = jobs.list();
    Set<String> unique = new LinkedHashSet<>(listed);
    List<String> keys = new ArrayList<>(unique);
    List<String> fetch = new ArrayList<>();
    for (String key : keys) {
      if (todo.test(key)) {
        fetch.add(key);
      }
    }
    listing.listed(keys, listed.size() - unique.size(), fetch);
    jobs.fetch(fetch, new JobSource.Consumer() {
      @Override
      public void job(Job job) throws InterruptedException {
        receiver.accept(new Item.OfJob(job, checkpoint.ack(keyOf(job))));
      }

      @Override
      public void failed(String key, String reason) throws InterruptedException {
        receiver.accept(new Item.Unreadable(key, reason, checkpoint.ack(key)));
      }
    });
  }

  /** The key a job was listed under: its id for API jobs, its path for files. */
  public static String keyOf(Job job) {
    return job.id() != null ? String.valueOf(job.id()) : job.ref();
  }
}
