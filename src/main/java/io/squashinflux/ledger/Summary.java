package io.squashinflux.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squashinflux.lineprotocol.Reasons;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end-of-run account, for people (text) and scripts ({@code --json}), and the exit code.
 *
 * @param listed jobs the source listed
 * @param alreadySynced jobs not fetched because an earlier run synced them
 * @param skipped jobs deliberately not written (dataset filter)
 * @param synced jobs whose every point InfluxDB acknowledged (written or explicitly rejected)
 * @param failed jobs that could not be read, mapped or written
 * @param points points written
 * @param fields field values written
 * @param linesRejected lines InfluxDB refused
 * @param refusedNow jobs of this run with refused lines: not synced, kept as refused in the state
 * @param refused jobs the state holds as refused after this run ({@code --retry-rejected} sends
 *     them again)
 * @param duplicates keys the source listed more than once (each read once)
 * @param error the fatal error that ended the run early, or null
 * @param errorCode the exit code of that error
 */
public record Summary(
    long listed,
    long alreadySynced,
    long skipped,
    long synced,
    long failed,
    long points,
    long fields,
    long linesRejected,
    Map<String, Long> skippedByReason,
    Map<String, Long> failedByReason,
    List<String> failures,
    List<Count> dropped,
    List<Count> changed,
    Map<String, Long> rejectedByReason,
    List<String> vanished,
    String rejectsFile,
    long refusedNow,
    long refused,
    long duplicates,
    String error,
    int errorCode) {

  /** Exit code when everything was written. */
  public static final int OK = 0;
  /** Exit code when some jobs or values could not be written (all are reported). */
  public static final int INCOMPLETE = 1;
  /** Exit code for a usage or configuration error: nothing useful could run. */
  public static final int CONFIGURATION = 2;

  /**
   * Drop reasons that mean the job held no storable value there, or that the data model chose not
   * to store it: a null, NaN or infinite metric (InfluxDB has no such values), a meta entry that is
   * null, empty or nested (a tag must be a non-empty text), a metric name without a package under
   * the squash model (as SQuaSH's own sync did). Each is still reported with its job and key, but
   * is not a failure of the run. Every other drop lost a value with content: exit code 1.
   */
  public static final Set<String> NOTHING_TO_STORE = Set.of(
      "null value", "NaN", "infinite", "null", "nested object", "nested list", "empty",
      "no package prefix", Reasons.NULL_FIELD_VALUE, Reasons.NOT_A_NUMBER, Reasons.INFINITE);

  /** Reasons counted, with the keys they hit most. */
  public record Count(String reason, long count, Map<String, Long> keys) {}

  public Summary {
    skippedByReason = Map.copyOf(skippedByReason);
    failedByReason = Map.copyOf(failedByReason);
    failures = List.copyOf(failures);
    dropped = List.copyOf(dropped);
    changed = List.copyOf(changed);
    rejectedByReason = Map.copyOf(rejectedByReason);
    vanished = List.copyOf(vanished);
  }

  /** This summary as the account of a run that a fatal error ended, with that error's exit code. */
  public Summary withError(String message, int code) {
    return new Summary(listed, alreadySynced, skipped, synced, failed, points, fields,
        linesRejected, skippedByReason, failedByReason, failures, dropped, changed,
        rejectedByReason, vanished, rejectsFile, refusedNow, refused, duplicates, message, code);
  }

  /** 0 when everything was written, 1 when a job, a line or a value with content was lost. */
  public int exitCode() {
    if (error != null) {
      return errorCode;
    }
    boolean lostValues =
        dropped.stream().anyMatch(c -> !NOTHING_TO_STORE.contains(c.reason()));
    return failed > 0 || linesRejected > 0 || lostValues ? INCOMPLETE : OK;
  }

  /** The summary as one JSON object. */
  public String toJson() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    ObjectNode jobs = root.putObject("jobs");
    jobs.put("listed", listed).put("already_synced", alreadySynced).put("skipped", skipped)
        .put("synced", synced).put("failed", failed).put("refused", refusedNow)
        .put("refused_in_state", refused).put("listed_twice", duplicates);
    root.put("points_written", points).put("fields_written", fields).put("lines_rejected", linesRejected);
    root.set("skipped_by_reason", json.valueToTree(skippedByReason));
    root.set("failed_by_reason", json.valueToTree(failedByReason));
    root.set("failures", json.valueToTree(failures));
    root.set("dropped", counts(json, dropped));
    root.set("changed", counts(json, changed));
    root.set("rejected_by_reason", json.valueToTree(rejectedByReason));
    root.set("vanished", json.valueToTree(vanished));
    root.put("rejects_file", rejectsFile);
    root.put("error", error);
    root.put("exit_code", exitCode());
    return root.toString();
  }

  private static ObjectNode counts(ObjectMapper json, List<Count> counts) {
    ObjectNode node = json.createObjectNode();
    for (Count count : counts) {
      ObjectNode entry = node.putObject(count.reason());
      entry.put("count", count.count());
      entry.set("keys", json.valueToTree(count.keys()));
    }
    return node;
  }

  /** The summary for people, a few lines. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("jobs: %d listed, %d already synced, %d skipped, %d synced, %d failed%n",
        listed, alreadySynced, skipped, synced, failed));
    out.append(String.format("written: %d points, %d field values%n", points, fields));
    skippedByReason.forEach((r, n) -> out.append(String.format("skipped: %d %s%n", n, Visible.of(r))));
    failedByReason.forEach((r, n) -> out.append(String.format("failed: %d %s%n", n, Visible.of(r))));
    failures.forEach(f -> out.append("  ").append(Visible.of(f)).append(System.lineSeparator()));
    appendCounts(out, "dropped", dropped);
    appendCounts(out, "changed", changed);
    rejectedByReason.forEach((r, n) -> out.append(String.format("rejected by InfluxDB: %d %s%n", n,
            Visible.of(r))));
    if (!vanished.isEmpty()) {
      out.append(String.format("no longer listed by the source: %d (%s)%n", vanished.size(),
          Visible.of(String.join(", ", vanished.subList(0, Math.min(10, vanished.size()))))
              + (vanished.size() > 10 ? ", ..." : "")));
    }
    if (refused > 0) {
      out.append(String.format("refused: %d %s kept as refused in the state (InfluxDB refused some of"
          + " their lines; --retry-rejected sends them again)%n", refused, refused == 1 ? "job" : "jobs"));
    }
    if (duplicates > 0) {
      out.append(String.format("the listing named %d %s more than once (each was read once)%n",
          duplicates, duplicates == 1 ? "job" : "jobs"));
    }
    if (rejectsFile != null) {
      out.append("details of every dropped, changed or rejected value: ").append(Visible.of(rejectsFile))
          .append(System.lineSeparator());
    }
    return out.toString();
  }

  /** Each reason with its five most frequent keys (ties by name), then "..." if there are more. */
  private static void appendCounts(StringBuilder out, String verb, List<Count> counts) {
    for (Count count : counts) {
      out.append(String.format("%s: %d %s", verb, count.count(), Visible.of(count.reason())));
      List<Map.Entry<String, Long>> keys = count.keys().entrySet().stream()
          .filter(key -> !key.getKey().equals(Tally.OTHER_KEYS))
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .toList();
      if (!keys.isEmpty()) {
        out.append(" (");
        for (int i = 0; i < Math.min(5, keys.size()); i++) {
          out.append(i > 0 ? ", " : "").append(Visible.of(keys.get(i).getKey())).append(' ')
              .append(keys.get(i).getValue());
        }
        boolean more = keys.size() > 5 || count.keys().containsKey(Tally.OTHER_KEYS);
        out.append(more ? ", ...)" : ")");
      }
      out.append(System.lineSeparator());
    }
  }
}
