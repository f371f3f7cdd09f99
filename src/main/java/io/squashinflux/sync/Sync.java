package io.squashinflux.sync;

import io.squashinflux.delivery.BatchResult;
import io.squashinflux.delivery.DeliveryException;
import io.squashinflux.delivery.InfluxWriter;
import io.squashinflux.delivery.LineSink;
import io.squashinflux.delivery.Line;
import io.squashinflux.delivery.Rejected;
import io.squashinflux.report.Ledger;
import io.squashinflux.source.Job;
import io.squashinflux.source.JobSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sync loop: jobs flow from the source through the conversion into InfluxDB.
 *
 * <p>The source's threads (several requests in flight) read and convert jobs, then hand their
 * lines to a bounded queue; one writer thread gathers them into batches while one sender thread
 * writes the previous batches, in order, each whole through {@link InfluxWriter}, which retries, splits and isolates until every line is
 * written or rejected. A job is reported synced only when every one of its lines is acknowledged.
 * The queue is bounded, so a slow InfluxDB slows the reading down and memory does not grow with
 * the number of jobs. A fatal delivery error stops reading and is rethrown to the caller.
 *
 * <p>{@link #stop} ends a run early and gracefully: no new job is fetched, the writer writes what
 * is queued, and jobs it did not acknowledge are simply not reported synced, so a later run
 * fetches them again.
 */
public final class Sync {
  private static final int QUEUE_JOBS = 256;
  private static final long IDLE_FLUSH_MILLIS = 500;
  private static final long MIN_NAP_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
  private static final long MAX_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(8);
  /**
   * A batch is written at the latest this long after its first line, so a slow but steady source
   * still gets its jobs acknowledged and recorded (and a kill loses little) before a batch fills.
   */
  private static final long MAX_BATCH_AGE_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** Batches gathered but not yet written (one of them may be in flight). */
  private static final int PENDING_BATCHES = 2;

  private final JobSource source;
  private final Conversion conversion;
  private final LineSink writer;
  private final Ledger ledger;
  private final JobListener listener;
  private final Progress progress;
  private final int batchLines;
  private final int batchBytes;
  private final AtomicLong pointsWritten = new AtomicLong();
  private volatile boolean stopping;
  private Thread fetching;

  public Sync(JobSource source, Conversion conversion, LineSink writer, Ledger ledger,
      JobListener listener, Progress progress, int batchLines, int batchBytes) {
    this.source = source;
    this.conversion = conversion;
    this.writer = writer;
    this.ledger = ledger;
    this.listener = listener;
    this.progress = progress;
    this.batchLines = batchLines;
    this.batchBytes = batchBytes;
  }

  /**
   * Syncs these job keys; returns when every one is synced, skipped or reported failed, or, after
   * {@link #stop}, once the jobs already read are written.
   */
  public void run(List<String> keys) throws DeliveryException, InterruptedException {
    BlockingQueue<Converted> queue = new ArrayBlockingQueue<>(QUEUE_JOBS);
    AtomicReference<Exception> fatal = new AtomicReference<>();
    AtomicLong done = new AtomicLong();
    long total = keys.size();
    Thread reader = Thread.currentThread();
    Runnable finished = () -> progress.update(done.incrementAndGet(), total, pointsWritten.get());
    Thread writerThread = new Thread(() -> {
      try {
        new BatchLoop(queue, finished).run();
      } catch (DeliveryException | RuntimeException e) {
        fatal.set(e);
        reader.interrupt();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "squash-influx-writer");
    writerThread.start();
    try {
      fetch(keys, new Reader(queue, fatal, finished));
      while (!queue.offer(Converted.END, 200, TimeUnit.MILLISECONDS) && fatal.get() == null) {
        // The writer is still draining the queue; a fatal error ends it without taking END.
      }
      writerThread.join();
    } catch (InterruptedException e) {
      if (fatal.get() == null) {
        writerThread.interrupt();
        throw e;
      }
      Thread.interrupted();
    } finally {
      progress.finish();
    }
    rethrow(fatal.get());
  }

  /**
   * Stops the run gracefully: fetching ends (requests in flight are interrupted), what is queued is
   * written, and {@link #run} returns normally. Callable from any thread, before or during a run.
   */
  public void stop() {
    synchronized (this) {
      stopping = true;
      if (fetching != null) {
        fetching.interrupt();
      }
    }
  }

  /** Whether {@link #stop} was called. */
  public boolean stopped() {
    return stopping;
  }

  /** Reads the jobs; returns early, without an exception, when the run is stopped. */
  private void fetch(List<String> keys, Reader reader) throws InterruptedException {
    synchronized (this) {
      if (stopping) {
        return;
      }
      fetching = Thread.currentThread();
    }
    try {
      source.fetch(keys, reader);
    } catch (InterruptedException e) {
      if (!stopping) {
        throw e;
      }
    } finally {
      synchronized (this) {
        fetching = null;
      }
      if (stopping) {
        // The interrupt was ours, meant for the fetch only; the writer must still be awaited.
        Thread.interrupted();
      }
    }
  }

  private static void rethrow(Exception e) throws DeliveryException {
    if (e instanceof DeliveryException delivery) {
      throw delivery;
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
  }

  /** One job's lines on their way to a batch. */
  private record Converted(String key, String job, List<Line> lines) {
    static final Converted END = new Converted("", "", List.of());
  }

  /** Runs on the source's threads: converts each job and queues its lines. */
  private final class Reader implements JobSource.Consumer {
    private final BlockingQueue<Converted> queue;
    private final AtomicReference<Exception> fatal;
    private final Runnable finished;

    Reader(BlockingQueue<Converted> queue, AtomicReference<Exception> fatal, Runnable finished) {
      this.queue = queue;
      this.fatal = fatal;
      this.finished = finished;
    }

    @Override
    public void job(Job job) throws InterruptedException {
      if (fatal.get() != null || stopping) {
        throw new InterruptedException("the sync is stopping");
      }
      String key = keyOf(job);
      Conversion.Result result;
      try {
        result = conversion.convert(job);
      } catch (RuntimeException e) {
        failed(key, job.ref() + ": cannot convert: " + e);
        return;
      }
      if (result instanceof Conversion.Skipped skipped) {
        ledger.skipped(job.ref(), skipped.reason(), skipped.loss());
        if (skipped.loss()) {
          listener.failed(key);
        } else {
          listener.synced(key);
        }
        finished.run();
      } else if (result instanceof Conversion.Lines lines) {
        while (!queue.offer(new Converted(key, job.ref(), lines.lines()), 200, TimeUnit.MILLISECONDS)) {
          if (fatal.get() != null || stopping) {
            throw new InterruptedException("the sync is stopping");
          }
        }
      }
    }

    @Override
    public void failed(String key, String reason) {
      ledger.failed(key, reason);
      listener.failed(key);
      finished.run();
    }
  }

  /** The key a job was listed under: its id for API jobs, its path for files. */
  public static String keyOf(Job job) {
    return job.id() != null ? String.valueOf(job.id()) : job.ref();
  }

  /**
   * Runs on the writer thread: gathers lines into batches and hands each to the sender thread,
   * which writes them one at a time, in order. While a batch is being written the next one
   * fills, so the readers do not stall behind InfluxDB's fsync; at most {@link #PENDING_BATCHES}
   * wait for the sender, so memory stays bounded by the batch size, not the number of jobs.
   */
  private final class BatchLoop {
    private final BlockingQueue<Converted> queue;
    private final Runnable finished;
    private final Batch batch = new Batch();
    private final Sender sender = new Sender();

    BatchLoop(BlockingQueue<Converted> queue, Runnable finished) {
      this.queue = queue;
      this.finished = finished;
    }

    void run() throws DeliveryException, InterruptedException {
      try {
        gather();
        sender.finish();
      } finally {
        sender.stop();
      }
    }

    private void gather() throws DeliveryException, InterruptedException {
      while (true) {
        Converted next = next();
        sender.rethrow();
        if (next == null) {
          flush();
          continue;
        }
        if (next == Converted.END) {
          flush();
          return;
        }
        if (next.lines().isEmpty()) {
          sender.submit(List.of(), List.of(new Batch.Finished(next.key(), next.job())));
          continue;
        }
        for (Line line : next.lines()) {
          if (batch.wouldOverflow(line)) {
            flush();
          }
          batch.add(line);
        }
        batch.closeJob(next.key(), next.job());
        if (batch.age() > MAX_BATCH_AGE_NANOS) {
          flush();
        }
      }
    }

    /**
     * The next job's lines, or null after {@link #IDLE_FLUSH_MILLIS} without any. The loop naps
     * (0.25 ms, doubling up to 8 ms) instead of blocking on the queue: a blocked taker makes
     * every reader wake it once per job, which cost 4 % of a sync's CPU (bench/run.sh).
     */
    private Converted next() throws InterruptedException {
      long waited = 0;
      long nap = MIN_NAP_NANOS;
      while (true) {
        Converted next = queue.poll();
        if (next != null || waited >= TimeUnit.MILLISECONDS.toNanos(IDLE_FLUSH_MILLIS)) {
          return next;
        }
        LockSupport.parkNanos(nap);
        if (Thread.interrupted()) {
          throw new InterruptedException("the batch loop was interrupted");
        }
        waited += nap;
        nap = Math.min(nap * 2, MAX_NAP_NANOS);
      }
    }

    private void flush() throws DeliveryException, InterruptedException {
      if (!batch.isEmpty()) {
        List<Line> lines = List.copyOf(batch.lines());
        sender.submit(lines, batch.clear());
      }
    }

    private void write(List<Line> lines, List<Batch.Finished> jobs)
        throws DeliveryException, InterruptedException {
      if (!lines.isEmpty()) {
        BatchResult result = writer.write(lines);
        long fields = 0;
        for (Line line : result.written()) {
          fields += line.fields();
        }
        ledger.written(result.written().size(), fields);
        pointsWritten.addAndGet(result.written().size());
        for (Rejected rejected : result.rejected()) {
          ledger.rejected(rejected.line().job(), rejected.line().text(), rejected.reason());
        }
      }
      for (Batch.Finished job : jobs) {
        complete(job.key(), job.job());
      }
    }

    private void complete(String key, String job) {
      ledger.synced(job);
      listener.synced(key);
      finished.run();
    }

    /**
     * The one thread that writes, so batches (and the jobs they complete) finish in the order
     * they were gathered: a job whose lines span two batches is complete only after both.
     */
    private final class Sender {
      private final java.util.concurrent.ExecutorService thread =
          java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "squash-influx-sender");
            t.setDaemon(true);
            return t;
          });
      private final java.util.concurrent.Semaphore pending =
          new java.util.concurrent.Semaphore(PENDING_BATCHES);
      private final AtomicReference<Exception> failure = new AtomicReference<>();

      void submit(List<Line> lines, List<Batch.Finished> jobs)
          throws DeliveryException, InterruptedException {
        pending.acquire();
        rethrow();
        thread.execute(() -> {
          try {
            if (failure.get() == null) {
              write(lines, jobs);
            }
          } catch (DeliveryException | RuntimeException e) {
            failure.compareAndSet(null, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            pending.release();
          }
        });
      }

      /** Waits for every submitted batch to be written; rethrows the first failure. */
      void finish() throws DeliveryException, InterruptedException {
        pending.acquire(PENDING_BATCHES);
        pending.release(PENDING_BATCHES);
        rethrow();
      }

      void rethrow() throws DeliveryException {
        Exception e = failure.get();
        if (e != null) {
          Sync.rethrow(e);
        }
      }

      /**
       * Stops writing: a batch being sent finishes first (a socket write ignores interrupts; the
       * answer's deadline bounds it), so nothing reaches the ledger after the run has ended.
       */
      void stop() {
        thread.shutdownNow();
        try {
          thread.awaitTermination(writer.answerTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** The batch being gathered, and which jobs it completes when written. */
  private final class Batch {
    private final List<Line> lines = new ArrayList<>();
    private final List<Finished> closed = new ArrayList<>();
    private int bytes;
    private long started;

    record Finished(String key, String job) {}

    boolean wouldOverflow(Line line) {
      return !lines.isEmpty()
          && (lines.size() >= batchLines || bytes + line.size() > batchBytes);
    }

    void add(Line line) {
      if (lines.isEmpty()) {
        started = System.nanoTime();
      }
      lines.add(line);
      bytes += line.size();
    }

    /**
     * The job's last line is in: it is finished when this batch is written (its earlier lines,
     * if any, went with earlier batches, which are written first).
     */
    void closeJob(String key, String job) {
      closed.add(new Finished(key, job));
    }

    boolean isEmpty() {
      return lines.isEmpty();
    }

    /** Nanoseconds since the first line came in. */
    long age() {
      return lines.isEmpty() ? 0 : System.nanoTime() - started;
    }

    List<Line> lines() {
      return lines;
    }

    /** Empties the batch and returns the jobs it finished. */
    List<Finished> clear() {
      List<Finished> finished = List.copyOf(closed);
      lines.clear();
      closed.clear();
      bytes = 0;
      return finished;
    }
  }
}
