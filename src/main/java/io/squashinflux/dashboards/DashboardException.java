package io.squashinflux.dashboards;

import io.squashinflux.failure.Failure;

/**
 * A failure the user can act on, said in one line. {@code configuration} marks those that exit 2
 * (refused credentials, a database with no points, a bad option); the others exit 1.
 */
public final class DashboardException extends RuntimeException implements Failure {
  private static final long serialVersionUID = 1L;
  private final boolean configuration;

  public DashboardException(String message, boolean configuration) {
    super(message);
    this.configuration = configuration;
  }

  @Override
  public boolean configuration() {
    return configuration;
  }
}
