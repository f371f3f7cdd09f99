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

/**
 * The enrich and map stages, run on the source's threads (a direct call: several jobs are mapped
 * at once): each job is enriched, mapped to points and queued for the batcher; a job that is
 * skipped, unreadable or cannot be enriched or mapped is acknowledged here, with its reason.
 * A job too large to map within the heap fails alone: the memory its points held is garbage once
 * the error is caught.
 */
final class MapStage implements Source.Receiver {
  private final Enricher enricher;
  private final Mapper mapper;
  private final Ledger ledger;
  private final Order out;
  private final Stop stop;
  private final Runnable finished;

  MapStage(Enricher enricher, Mapper mapper, Ledger ledger, Order out, Stop stop,
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
      out.put(item.position(), map(job.job(), job.ack()));
    } else if (item instanceof Item.OfPoints points) {
      out.put(item.position(), new Work(points.ref(), points.ack(), points.points(), false));
    } else {
      fail(item.ref(), item.ack(), ((Item.Unreadable) item).reason());
      out.put(item.position(), null);
    }
  }

  /** The job's points as work for the batcher, or null when it was finished here. */
  private Work map(Job job, Ack ack) throws InterruptedException {
    Mapped mapped;
    try {
      Enrichment enrichment = enricher.of(job);
      mapped = mapper.map(job, enrichment);
    } catch (CiRuns.LookupFailed e) {
      fail(job.ref(), ack, job.ref() + ": " + e.getMessage());
      return null;
    } catch (OutOfMemoryError e) {
      fail(job.ref(), ack, HeapBudget.outOfMemory(job.ref(), "map", e));
      return null;
    } catch (RuntimeException e) {
      fail(job.ref(), ack, job.ref() + ": cannot map: " + e);
      return null;
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
      return null;
    }
    List<Point> points = ((Mapped.Points) mapped).points();
    return new Work(job.ref(), ack, points, true);
  }

  private void fail(String ref, Ack ack, String reason) {
    ledger.failed(ref, reason);
    ack.failed(reason);
    finished.run();
  }
}
