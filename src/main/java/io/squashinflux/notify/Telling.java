package io.squashinflux.notify;

import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.state.Identity;
import io.squashinflux.state.StateFolder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** How findings are told: as annotations, and to a webhook ({@code webhook} null for none). */
public record Telling(boolean annotate, URI webhook, Notifier.Format format, Retrier retrier,
    Path ledger) {
  /** Where the webhook's URL is looked for when no option gives it. */
  public static final String URL_VARIABLE = "SQUASH_INFLUX_NOTIFY_URL";

  /**
   * The webhook from {@code url} or else the environment; the findings already told in
   * {@code ledger}, or by default in a file of the state folder per InfluxDB, database and
   * mapping; mistakes are user errors.
   */
  public static Telling of(boolean annotate, String url, Notifier.Format format,
      Duration retryTime, Path ledger, InfluxTarget target, String mapping) {
    String text = url != null ? url : System.getenv(URL_VARIABLE);
    URI webhook = null;
    if (text != null && !text.isBlank()) {
      try {
        webhook = Webhook.parse(text);
      } catch (IllegalArgumentException e) {
        throw new UserError((url != null ? "--notify: " : URL_VARIABLE + ": ") + e.getMessage());
      }
    }
    String database = target.database();
    Path told = ledger != null ? ledger : StateFolder.file(database,
        new Identity("notify", target.url() + " " + database, mapping), ".notified.json");
    return new Telling(annotate, webhook, format, Retrier.system(new Backoff(
        Duration.ofMillis(500), Duration.ofSeconds(30), 8, retryTime)), told);
  }
}
