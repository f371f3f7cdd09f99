package io.squashinflux.influx;

import io.squashinflux.sink.Line;
import io.squashinflux.sink.Rejected;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A partial write whose answer names each refused line by its number (InfluxDB 3): those lines
 * are rejected with their reasons and every other line of the batch counts as written, with no
 * second request. Used only when the numbers can be trusted: every line of the body is one line
 * of protocol (no newline inside a string field) and each number is in the batch.
 */
final class LineRefusals {
  private LineRefusals() {}

  /** True when {@code named} accounted for the whole batch; false: find the lines by splitting. */
  static boolean apply(List<WriteApi.Refusal> named, List<Line> lines, List<Line> written,
      List<Rejected> rejected) {
    if (named.isEmpty() || lines.stream().anyMatch(line -> line.text().indexOf('\n') >= 0)) {
      return false;
    }
    Map<Integer, String> reasons = new HashMap<>();
    for (WriteApi.Refusal refusal : named) {
      if (refusal.line() < 1 || refusal.line() > lines.size()) {
        return false;
      }
      reasons.merge(refusal.line(), refusal.reason(), (a, b) -> a + "; " + b);
    }
    for (int i = 0; i < lines.size(); i++) {
      String reason = reasons.get(i + 1);
      if (reason == null) {
        written.add(lines.get(i));
      } else {
        rejected.add(new Rejected(lines.get(i), reason));
      }
    }
    return true;
  }
}
