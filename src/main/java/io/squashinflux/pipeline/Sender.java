package io.squashinflux.pipeline;

import io.squashinflux.sink.Sink;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.ledger.Ledger;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send and checkpoint stages, on one thread, so batches (and the items they complete) finish
 * in the order they were gathered: an item whose points span two batches is complete only after
 * both. For each batch: the sink writes it and answers per point; refused points are reported with
 * their item and reason; then each item whose last point was in the batch is acknowledged, as
 * synced when none of its points was refused, else as refused with the first reason. A fatal sink
 * error fails the run: the batch's items stay unacknowledged.
 */
final class Sender implements Runnable {
  private final BlockingQueue<Batch> in;
  private final Sink sink;
  private final Ledger ledger;
  private final Stop stop;
  private final Runnable finished;
  private final AtomicLong pointsWritten;

  Sender(BlockingQueue<Batch> in, Sink sink, Ledger ledger, Stop stop, Runnable finished,
      AtomicLong pointsWritten) {
    this.in = in;
    this.sink = sink;
    this.ledger = ledger;
    this.stop = stop;
    this.finished = finished;
    this.pointsWritten = pointsWritten;
  }

  @Override
  public void run() {
    try {
      while (true) {
        Batch batch = in.poll(1, TimeUnit.SECONDS);
        if (stop.failed() || batch == Batch.END) {
          return;
        }
        if (batch != null) {
          write(batch);
        }
      }
    } catch (Throwable e) {
      stop.fail(e); // a DeliveryException, or an interrupt because another stage failed
    }
  }

  private void write(Batch batch) throws DeliveryException, InterruptedException {
    if (!batch.points.isEmpty()) {
      Sink.Written written = sink.write(batch.points, ledger);
      ledger.written(written.points(), written.fields());
      pointsWritten.addAndGet(written.points());
      for (Sink.Refused refused : written.refused()) {
        Work owner = batch.owners.get(refused.index());
        owner.refused(refused.reason());
        ledger.rejected(owner.ref, refused.text(), refused.reason());
      }
    }
    for (Work work : batch.completes) {
      if (work.clean()) {
        ledger.synced(work.ref);
        work.ack.synced();
      } else {
        ledger.refusedJob(work.ref, work.refusal());
        work.ack.refused(work.refusal());
      }
      finished.run();
    }
  }
}
