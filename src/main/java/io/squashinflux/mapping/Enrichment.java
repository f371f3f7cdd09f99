package io.squashinflux.mapping;

import io.squashinflux.source.CiRuns.CodeChanges;
import java.util.Optional;

/**
 * What the enrich stage looked up for one job before mapping, so that mapping does no I/O.
 *
 * @param runFirstDateCreated the {@code date_created} of the first job of the job's CI run, when
 *     the model times points by CI run and the API knows the run
 * @param codeChanges the code changes of the job's CI run, when the model records them
 */
public record Enrichment(Optional<String> runFirstDateCreated, Optional<CodeChanges> codeChanges) {
  public static final Enrichment NONE = new Enrichment(Optional.empty(), Optional.empty());

  /**
   * The lookups a job needs under a model (each null when not needed).
   *
   * @param runTime the CI run whose first job's time stamps the job
   * @param changesRun the CI run whose code changes the job records, with {@code ciName}
   */
  public record Needs(String runTime, String changesRun, String ciName) {
    public boolean none() {
      return runTime == null && changesRun == null;
    }
  }
}
