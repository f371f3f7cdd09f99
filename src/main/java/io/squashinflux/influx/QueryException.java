package io.squashinflux.influx;

import io.squashinflux.failure.Failure;

/** A query InfluxDB could not answer, with one line saying why and whether the user must act. */
public final class QueryException extends RuntimeException implements Failure {
  /** Why a query failed. */
  public enum Reason {
    DATABASE_NOT_FOUND,
    RETENTION_POLICY_NOT_FOUND,
    AUTHENTICATION,
    UNREACHABLE,
    QUERY
  }

  private final Reason reason;

  QueryException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** True when the options are wrong (a missing database, bad credentials): exit code 2. */
  @Override
  public boolean configuration() {
    return reason == Reason.DATABASE_NOT_FOUND || reason == Reason.RETENTION_POLICY_NOT_FOUND
        || reason == Reason.AUTHENTICATION;
  }

  /** For an outage, how to start InfluxDB. */
  @Override
  public String hint() {
    return configuration() ? "" : START_INFLUX;
  }
}
