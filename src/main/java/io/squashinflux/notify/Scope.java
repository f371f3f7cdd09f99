package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import java.util.List;

/**
 * Which findings a run looked at: its measurements (all when empty) and changes at or after
 * {@code since} (ns). Only a finding inside the scope that the run no longer finds has
 * disappeared; one outside it was simply not looked at, and is kept.
 */
public record Scope(List<String> measurements, long since) {
  public static final Scope ALL = new Scope(List.of(), Long.MIN_VALUE);

  public Scope {
    measurements = List.copyOf(measurements);
  }

  public boolean covers(String metric, long at) {
    if (at < since) {
      return false;
    }
    int dot = metric.indexOf('.');
    return measurements.isEmpty() || dot > 0 && measurements.contains(metric.substring(0, dot));
  }

  public boolean covers(Finding f) {
    return covers(f.metric(), f.at());
  }
}
