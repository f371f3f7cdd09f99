package io.squashinflux.cli;

import io.squashinflux.ledger.SummaryOutput;
import io.squashinflux.state.StateFolder;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What a run tells: progress, the summary, and where rejected values are written. */
final class ReportOptions {

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "JSON-lines file that receives every dropped, changed or rejected value and"
          + " every failed job, with its reason; appended to, created only when needed"
          + " (default: next to the state file, named like it, ending in .rejects.jsonl).")
  Path rejects;

  /** The rejects file: the one given, or the state file's sibling {@code NAME.rejects.jsonl}. */
  Path rejects(Path state) {
    return rejects != null ? rejects : StateFolder.rejectsBeside(state);
  }

  @Option(names = {"--quiet", "-q"}, description = "No progress display and no summary text.")
  boolean quiet;

  @Option(names = "--json", description = "Print the end summary as one JSON object on stdout.")
  boolean json;

  /** Where this command's end summary goes. */
  SummaryOutput output(CommandLine cli) {
    return new SummaryOutput(cli.getOut(), cli.getErr(), json, quiet);
  }
}
