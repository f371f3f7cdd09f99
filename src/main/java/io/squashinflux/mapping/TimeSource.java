package io.squashinflux.mapping;

/** Which of a job's times becomes the time of its points. */
public enum TimeSource {
  /** The job's {@code date_created} (upload time); a job file without it uses {@code meta.env.date}. */
  DATE_CREATED("date_created"),
  /** The run time, {@code meta.env.date}. */
  RUN("run"),
  /** The {@code date_created} of the first job of the same CI run, so one run's jobs line up. */
  CI_RUN("ci-run");

  private final String word;

  TimeSource(String word) {
    this.word = word;
  }

  /** The word a mapping file and the command line use for it. */
  public String word() {
    return word;
  }

  /** The time source a mapping file or the command line names, or null when the word is unknown. */
  public static TimeSource ofWord(String word) {
    for (TimeSource source : values()) {
      if (source.word.equals(word)) {
        return source;
      }
    }
    return null;
  }
}
