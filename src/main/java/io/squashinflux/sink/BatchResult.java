package io.squashinflux.sink;

import java.util.List;

/**
 * What became of a batch: every line is either written or rejected with a reason.
 *
 * @param written lines InfluxDB acknowledged
 * @param rejected lines InfluxDB refused for good, with its reason
 * @param requests HTTP requests the batch took, retries and bisection included
 */
public record BatchResult(List<Line> written, List<Rejected> rejected, int requests) {
  public BatchResult {
    written = List.copyOf(written);
    rejected = List.copyOf(rejected);
  }
}
