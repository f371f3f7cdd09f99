package io.squashinflux.demo;

import io.squashinflux.files.FileProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code generate}: seeded jobs written to a folder, one file per job, one job in memory at a
 * time. Times are ISO instants or dates (UTC); a null {@code regressionDate} is the middle of the
 * span.
 */
public record Generate(int count, long seed, String format, Path out, int spanDays, String end,
    double nullShare, double unknownShare, String regressionDate, double regressionFactor,
    boolean noRegression) {

  /** Writes the jobs and says so on {@code stdout}; a mistake is one line on {@code err}, exit 2. */
  public int run(PrintWriter stdout, PrintWriter err) {
    JobGenerator generator;
    JobFormat jobFormat;
    try {
      jobFormat = JobFormat.valueOf(format.toUpperCase(Locale.ROOT));
      generator = new JobGenerator(settings());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      err.println("generate: " + e.getMessage());
      return 2;
    }
    String unusable = FileProblem.beforeWriting(out.resolve("job.json"), true);
    if (unusable != null) {
      err.println("generate: --out " + out + ": " + unusable);
      return 2;
    }
    try {
      generator.writeFiles(out, jobFormat);
    } catch (IOException e) {
      err.println("generate: cannot write to " + out + ": " + FileProblem.why(e)
          + "; choose another --out");
      return 2;
    }
    stdout.println("wrote " + count + " " + format + " jobs to " + out
        + generator.regression().map(r -> " (" + r.metric() + " on " + r.dataset() + " x"
            + r.factor() + " from " + r.at() + ")").orElse(""));
    stdout.flush();
    return 0;
  }

  GeneratorSettings settings() {
    if (spanDays < 1) {
      throw new IllegalArgumentException("--span-days must be at least 1: " + spanDays);
    }
    Regression regression = null;
    if (!noRegression) {
      Instant at = regressionDate == null ? null : instant(regressionDate);
      regression = Regression.DEFAULT.at(at).withFactor(regressionFactor);
    }
    return GeneratorSettings.of(seed, count)
        .withEnd(instant(end))
        .withSpan(Duration.ofDays(spanDays))
        .withNullShare(nullShare)
        .withUnknownShare(unknownShare)
        .withRegression(regression);
  }

  private static Instant instant(String text) {
    return text.length() == 10
        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
        : Instant.parse(text);
  }
}
