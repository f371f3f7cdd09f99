package io.squashinflux.demo;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/** The jobs a {@link SquashApiServer} serves: generated on request, or read from a folder. */
interface JobStore {

  /** Every job id, ascending. */
  long[] ids() throws IOException;

  /** The job's API response document, or empty when there is no such job. */
  Optional<byte[]> job(long id) throws IOException;

  /** The lowest job id of this CI run, or empty when no job has this {@code ci_id}. */
  OptionalLong firstJobOfRun(String ciId) throws IOException;

  /** The {@code ci_id} of the CI run before this one, or empty for the first run. */
  Optional<String> previousRun(String ciId) throws IOException;
}
