package io.squashinflux.series;

/** Input the report cannot work with (a measurement the mapping does not know): exit code 2. */
public final class SeriesException extends RuntimeException {
  SeriesException(String message) {
    super(message);
  }
}
