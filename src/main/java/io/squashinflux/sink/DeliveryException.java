package io.squashinflux.sink;

import io.squashinflux.failure.Failure;

/**
 * InfluxDB cannot take writes: a configuration to fix (bad credentials, a missing retention
 * policy) or an outage that outlasted the retry time. The message is one line for the user.
 */
public final class DeliveryException extends Exception implements Failure {
  private final boolean configuration;

  public DeliveryException(String message, boolean configuration) {
    super(message);
    this.configuration = configuration;
  }

  /** True when the user must change something; false when InfluxDB stayed unreachable. */
  @Override
  public boolean configuration() {
    return configuration;
  }

  /** For an outage, how to start InfluxDB, unless the message says it already. */
  @Override
  public String hint() {
    return configuration || getMessage().contains("influxd run") ? "" : START_INFLUX;
  }
}
