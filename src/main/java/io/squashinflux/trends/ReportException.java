package io.squashinflux.trends;

/** Input the report cannot work with (a measurement the mapping does not know): exit code 2. */
public final class ReportException extends RuntimeException {
  ReportException(String message) {
    super(message);
  }
}
