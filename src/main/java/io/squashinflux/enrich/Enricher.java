package io.squashinflux.enrich;

import io.squashinflux.mapping.Enrichment;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.source.CiRuns;
import io.squashinflux.source.Job;
import java.util.Optional;

/**
 * The enrich stage: looks up what the mapper needs beyond the job itself (a CI run's first time,
 * its code changes) through the source's {@link CiRuns}, which asks each run once and retries as
 * the policy says. A lookup that fails fails the job (a later run tries it again): a job is never
 * stamped with a fallback time because the API was down. Thread-safe.
 */
public final class Enricher {
  private final Mapper mapper;
  private final CiRuns runs;

  public Enricher(Mapper mapper, CiRuns runs) {
    this.mapper = mapper;
    this.runs = runs;
  }

  /** What the job needs looked up, looked up. */
  public Enrichment of(Job job) throws CiRuns.LookupFailed, InterruptedException {
    Enrichment.Needs needs = mapper.needs(job);
    if (needs.none()) {
      return Enrichment.NONE;
    }
    Optional<String> first = needs.runTime() == null ? Optional.empty()
        : runs.firstDateCreated(needs.runTime());
    Optional<CiRuns.CodeChanges> changes = needs.changesRun() == null ? Optional.empty()
        : runs.codeChanges(needs.changesRun(), needs.ciName());
    return new Enrichment(first, changes);
  }
}
