package io.squashinflux.failure;

/**
 * A failure the command line reports as one line and an exit code, whichever package raised it:
 * each package keeps its own exception class (so its callers catch what it throws), and every
 * one of them answers the two questions the command line asks. A sealed family cannot span
 * packages outside a named module, so this is an interface.
 */
public interface Failure {
  /** What to do when InfluxDB stayed unreachable: the message before it names the URL and error. */
  String START_INFLUX = "; to start a local InfluxDB 1.x: 'sudo systemctl start influxdb' or"
      + " 'influxd run'";

  /** True when the user must change something (exit code 2); false for an outage (exit code 1). */
  boolean configuration();

  /** The one line for the user. */
  String getMessage();

  /** What to do about it, appended to the message; empty for nothing more to say. */
  default String hint() {
    return "";
  }
}
