package io.squashinflux.series;

import io.squashinflux.failure.Failure;

/** Input the report cannot work with (a measurement the mapping does not know): exit code 2. */
public final class SeriesException extends RuntimeException implements Failure {
  public SeriesException(String message) {
    super(message);
  }

  @Override
  public boolean configuration() {
    return true;
  }
}
