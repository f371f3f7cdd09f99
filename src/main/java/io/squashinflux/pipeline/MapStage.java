package io.squashinflux.pipeline;

import io.squashinflux.source.Ack;
import io.squashinflux.source.Item;
import io.squashinflux.source.Source;
import io.squashinflux.enrich.Enricher;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.mapping.Enrichment;
import io.squashinflux.mapping.Mapped;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.source.CiRuns;
import io.squashinflux.source.HeapBudget;
import io.squashinflux.source.Job;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The enrich and map stages, run on the source's threads (a direct call: several jobs are mapped
 * at once): each job is enriched, mapped to points and queued for the batcher; a job that is
 * skipped, unreadable or cannot be enriched or mapped is acknowledged here, with its reason.
 * A job too large to map within the heap fails alone: the memory its points held is garbage once
 * the error is caught.
 */
final class MapStage implements Source.Receiver {
  private static final long OFFER_MILLIS = 200;

  private final Enricher enricher;
  private final Mapper mapper;
  private final Ledger ledger;
  private final BlockingQueue<Work> out;
  private final Stop stop;
  private final Runnable finished;

  MapStage(Enricher enricher, Mapper mapper, Ledger ledger, BlockingQueue<Work> out, Stop stop,
      Runnable finished) {
    this.enricher = enricher;
    this.mapper = mapper;
    this.ledger = ledger;
    this.out = out;
    this.stop = stop;
    this.finished = finished;
  }

  @Override
  public void accept(Item item) throws InterruptedException {
    if (stop.draining()) {
      throw new InterruptedException("the sync is stopping");
    }
    if (item instanceof Item.OfJob job) {
      map(job.job(), job.ack());
    } else if (item instanceof Item.OfPoints points) {
      queue(new Work(points.ref(), points.ack(), points.points()));
    } else {
      fail(item, ((Item.Unreadable) item).reason());
    }
  }

  private void map(Job job, Ack ack) throws InterruptedException {
    Mapped mapped;
    try {
      Enrichment enrichment = enricher.of(job);
      mapped = mapper.map(job, enrichment);
    } catch (CiRuns.LookupFailed e) {
      fail(job.ref(), ack, job.ref() + ": " + e.getMessage());
      return;
    } catch (OutOfMemoryError e) {
      fail(job.ref(), ack, HeapBudget.outOfMemory(job.ref(), "map", e));
      return;
    } catch (RuntimeException e) {
      fail(job.ref(), ack, job.ref() + ": cannot map: " + e);
      return;
    }
    if (mapped instanceof Mapped.Skipped skipped) {
      boolean loss = skipped.kind() != Mapped.Skip.DATASET_FILTER;
      ledger.skipped(job.ref(), loss ? skipped.reason() : skipped.kind().label(), loss);
      if (loss) {
        ack.failed(skipped.reason());
      } else {
        ack.synced();
      }
      finished.run();
      return;
    }
    List<Point> points = ((Mapped.Points) mapped).points();
    queue(new Work(job.ref(), ack, points));
  }

  private void fail(Item item, String reason) {
    fail(item.ref(), item.ack(), reason);
  }

  private void fail(String ref, Ack ack, String reason) {
    ledger.failed(ref, reason);
    ack.failed(reason);
    finished.run();
  }

  private void queue(Work work) throws InterruptedException {
    while (!out.offer(work, OFFER_MILLIS, TimeUnit.MILLISECONDS)) {
      if (stop.failed()) {
        throw new InterruptedException("the sync failed");
      }
    }
  }
}
