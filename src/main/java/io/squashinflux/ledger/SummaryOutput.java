package io.squashinflux.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/**
 * Where a run's end summary goes: with {@code json}, one JSON object on {@code out} (so a script
 * reads an outcome in every case, a failed run included); unless {@code quiet}, text on
 * {@code err}.
 */
public record SummaryOutput(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
  /** Made only for --json: the first ObjectMapper of a process costs start-up time. */
  private static final class Mapper {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  /**
   * The summary with a first line saying where it was written ({@code target}, or null for
   * none), and in JSON {@code target} and {@code influx_api} ({@code v1}, {@code v2}, {@code v3}).
   */
  public void summary(Summary summary, String target, String api) {
    if (json) {
      out.println(target == null ? summary.toJson() : withTarget(summary, target, api));
      out.flush();
    }
    if (!quiet) {
      if (target != null) {
        err.println("target: " + target);
      }
      err.print(summary.render());
      err.flush();
    }
  }

  /**
   * With {@code json}, the summary of a run that a failure ended, as far as it got, with the
   * failure's one line and exit code; the failure itself is the caller's to report.
   */
  public void failure(Summary summary, String message, int code) {
    if (json && summary != null) {
      out.println(summary.withError(message, code).toJson());
      out.flush();
    }
  }

  private static String withTarget(Summary summary, String target, String api) {
    try {
      ObjectNode json = (ObjectNode) Mapper.JSON.readTree(summary.toJson());
      json.put("target", target).put("influx_api", api);
      return json.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the summary is not JSON", e);
    }
  }
}
