package io.squashinflux.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What a run tells: progress, the summary, and where rejected values are written. */
final class ReportOptions {

  @Option(names = "--rejects", paramLabel = "FILE", defaultValue = "squash-influx-rejects.jsonl",
      description = "JSON-lines file that receives every dropped, changed or rejected value and"
          + " every failed job, with its reason; appended to, created only when needed"
          + " (default: ${DEFAULT-VALUE}).")
  Path rejects;

  @Option(names = {"--quiet", "-q"}, description = "No progress display and no summary text.")
  boolean quiet;

  @Option(names = "--json", description = "Print the end summary as one JSON object on stdout.")
  boolean json;

  @Option(names = "--verbose", description = "Log each request and print stack traces of errors.")
  boolean verbose;
}
