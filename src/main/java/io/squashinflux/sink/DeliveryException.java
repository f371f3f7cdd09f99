package io.squashinflux.sink;

/**
 * InfluxDB cannot take writes: a configuration to fix (bad credentials, a missing retention
 * policy) or an outage that outlasted the retry time. The message is one line for the user.
 */
public final class DeliveryException extends Exception {
  private final boolean configuration;

  public DeliveryException(String message, boolean configuration) {
    super(message);
    this.configuration = configuration;
  }

  /** True when the user must change something; false when InfluxDB stayed unreachable. */
  public boolean configuration() {
    return configuration;
  }
}
