package io.squashinflux.cli;

import io.squashinflux.net.HttpUrl;
import io.squashinflux.failure.UserError;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.specs.Specs;
import io.squashinflux.specs.SpecsException;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Option;

/**
 * What InfluxDB does not hold, for the commands that read it back ({@code report} and
 * {@code dashboards}): where the spec levels and the metrics' units come from.
 */
final class SpecsOptions {

  @Option(names = "--specs", paramLabel = "URL|FILE|DIR",
      description = "Spec levels, units and metric definitions: a verify_metrics checkout (or its"
          + " specs/ or metrics/ folder), an lsst.verify job file, SQuaSH's GET /specs or"
          + " /metrics answer (saved, or its URL) or a list of specs.")
  String specs;

  @Option(names = "--squash-url", paramLabel = "URL",
      description = "A SQuaSH API whose GET /specs gives the spec levels (unless --specs) and"
          + " GET /metrics the units and descriptions.")
  String squashUrl;

  /** {@code --squash-url}, or null when not given. */
  URI squashUrl() {
    return httpUrl("--squash-url", squashUrl);
  }

  /** The spec levels, units and definitions, from --specs or else --squash-url. */
  Specs load(HttpSettings http) {
    return load(specs, squashUrl(), http);
  }

  /** From {@code specs} or else the SQuaSH API at {@code squash}; mistakes are user errors. */
  static Specs load(String specs, URI squash, HttpSettings http) {
    if (specs != null && (specs.startsWith("http://") || specs.startsWith("https://"))) {
      httpUrl("--specs", specs); // one check of every URL option
    }
    try {
      return Specs.load(specs, squash, http);
    } catch (SpecsException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The http(s) URL an option gives, or null when not given; anything else is a user error. */
  static URI httpUrl(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text.trim());
      if (!HttpUrl.valid(uri)) {
        throw new UserError(option + " " + text + ": not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UserError(option + " is not a URL: " + e.getMessage());
    }
  }
}
