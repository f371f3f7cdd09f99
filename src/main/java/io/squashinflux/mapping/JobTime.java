package io.squashinflux.mapping;

import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.source.Job;
import java.util.Optional;

/**
 * Picks a job's time by the mapping's time source. A source that gives nothing falls back to
 * {@code date_created} with a note; a job with no usable time at all is skipped, never stamped
 * with the current time.
 */
final class JobTime {
  private final TimeSource source;

  JobTime(TimeSource source) {
    this.source = source;
  }

  /** A job's time in ns, or why it has none. */
  record Stamp(Long nanos, String problem) {}

  /** The job's time; {@code ciId} is its CI run, or null. */
  Stamp of(Job job, String ciId, Enrichment enrichment, Notes notes) {
    switch (source) {
      case RUN -> {
        Long run = Times.nanos(job.runDate());
        if (run != null) {
          return new Stamp(run, null);
        }
        notes.changed(job.ref(), "time", job.runDate() == null
            ? "no meta.env.date: used date_created"
            : "meta.env.date '" + job.runDate() + "' is not an ISO 8601 time: used date_created");
      }
      case CI_RUN -> {
        if (Mapper.usableRun(ciId)) {
          Optional<String> first = enrichment.runFirstDateCreated();
          Long nanos = first.map(Times::nanos).orElse(null);
          if (nanos != null) {
            return new Stamp(nanos, null);
          }
          notes.changed(job.ref(), "time", first.isEmpty()
              ? "no first job known for CI run " + ciId + ": used date_created"
              : "CI run " + ciId + " date_created '" + first.get()
                  + "' is not an ISO 8601 time: used date_created");
        }
      }
      case DATE_CREATED -> { }
    }
    return dateCreated(job);
  }

  /** A job file has no {@code date_created}: its run time stands in, as it is the only time. */
  private static Stamp dateCreated(Job job) {
    String text = job.dateCreated();
    String what = "date_created";
    if (text == null && job.origin() == Job.Origin.FILE && job.runDate() != null) {
      text = job.runDate();
      what = "meta.env.date";
    }
    if (text == null) {
      return new Stamp(null, job.origin() == Job.Origin.FILE
          ? "no date_created and no meta.env.date"
          : "no date_created");
    }
    Long nanos = Times.nanos(text);
    return new Stamp(nanos, nanos == null ? what + " '" + text + "' is not an ISO 8601 time" : null);
  }
}
