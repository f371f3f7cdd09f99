package io.squashinflux.source;

import java.util.Optional;

/**
 * What the SQuaSH API knows about a CI run, for data models that line up the jobs of one run or
 * record its code changes. Implementations fetch each run once and are thread-safe.
 */
public interface CiRuns {

  /**
   * The {@code date_created} text of the first job of this CI run ({@code GET /jenkins/<ci_id>});
   * empty when the API has no such run.
   */
  Optional<String> firstDateCreated(String ciId) throws LookupFailed, InterruptedException;

  /** The code changes of this CI run ({@code GET /code_changes/<ci_id>?ci_name=}). */
  Optional<CodeChanges> codeChanges(String ciId, String ciName)
      throws LookupFailed, InterruptedException;

  /** The API could not answer (after its retries): the job needing it fails, and is retried. */
  final class LookupFailed extends Exception {
    public LookupFailed(String message) {
      super(message);
    }
  }

  /** The code changes of one CI run, as the API gives them. */
  record CodeChanges(String packages, String counts) {}

  /** For sources without an API (job files): nothing is known. */
  CiRuns NONE =
      new CiRuns() {
        @Override
        public Optional<String> firstDateCreated(String ciId) {
          return Optional.empty();
        }

        @Override
        public Optional<CodeChanges> codeChanges(String ciId, String ciName) {
          return Optional.empty();
        }
      };
}
