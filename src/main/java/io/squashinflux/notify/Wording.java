package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import io.squashinflux.report.ReportJson;
import java.util.Locale;

/** A finding in words, the same in a message and on a chart's annotation. */
final class Wording {
  private Wording() {}

  /** {@code validate_drp.PA1 on validation_data_hsc / r: +50.0% (+5.01 mmag, 10.0 -> 15.0)}. */
  static String headline(Finding f) {
    return f.metric() + " on " + f.dataset() + " / " + f.filter() + ": " + change(f);
  }

  static String change(Finding f) {
    String unit = f.unit() == null || f.unit().isEmpty() ? "" : " " + f.unit();
    String ratio = f.change().isPresent()
        ? String.format(Locale.ROOT, "%+.1f%%", f.change().getAsDouble() * 100) : "n/a (from 0)";
    return String.format(Locale.ROOT, "%s (%+.4g%s, %.4g -> %.4g; %s)", ratio,
        f.after() - f.before(), unit, f.before(), f.after(), f.evidence().sureness());
  }

  /** Date, job, CI run and packages: what follows the headline. */
  static String details(Finding f) {
    StringBuilder out = new StringBuilder("from ").append(ReportJson.isoDate(f.at()));
    if (f.job() != null) {
      out.append(", job ").append(f.job());
    }
    if (f.run() != null) {
      out.append(", CI run ").append(f.run());
    }
    if (!f.packagesChanged().isEmpty()) {
      out.append("; packages changed: ").append(String.join(", ", f.packagesChanged()));
    }
    return out.toString();
  }

  /** One line of plain text: the annotation's text. */
  static String line(Finding f) {
    String kind = f.regression() ? "Regression" : "Change (" + f.direction() + ")";
    return kind + ": " + headline(f) + " " + details(f);
  }
}
