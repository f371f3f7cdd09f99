package io.squashinflux.cli;

import io.squashinflux.pipeline.Pipeline;
import java.io.IOException;

import io.squashinflux.failure.Failure;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and an exit code; a stack trace only with
 * {@code --verbose}, for failures nobody expected.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  private final boolean verbose;

  Failures(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    int code = code(e);
    // Messages quote names from the data (measurements, datasets): never raw to a terminal.
    String message = io.squashinflux.ledger.Visible.of(message(e, verbose));
    err.println("squash-influx: " + message);
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    err.flush();
    return code;
  }

  /** The exit code for a failure: the failure says whether the user must act. */
  static int code(Exception e) {
    return e instanceof Failure failure && failure.configuration()
        ? Main.CONFIGURATION : Main.INCOMPLETE;
  }

  /** The one line that tells the user what went wrong, with what to do about it. */
  static String message(Exception e, boolean verbose) {
    if (e instanceof java.nio.file.FileSystemException file && file.getFile() != null) {
      return "cannot use " + file.getFile() + ": " + io.squashinflux.files.FileProblem.why(file);
    }
    if (e instanceof Failure failure) {
      return failure.getMessage() + failure.hint();
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      return e.getMessage();
    } else if (e instanceof InterruptedException) {
      return "interrupted";
    }
    String details = verbose ? "" : " (run with --verbose for details)";
    return e instanceof Pipeline.FatalError ? e.getMessage() + details
        : "unexpected error: " + e + details;
  }

  /** A bad option or argument: the message and a pointer to --help on one line, exit code 2. */
  static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    err.println("squash-influx: " + message + " (try '" + cli.getCommandSpec().qualifiedName()
        + " --help')");
    err.flush();
    return Main.CONFIGURATION;
  }
}
