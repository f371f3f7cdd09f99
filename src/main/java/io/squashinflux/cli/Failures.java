package io.squashinflux.cli;

import io.squashinflux.pipeline.Pipeline;
import java.io.IOException;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.source.SourceException;
import io.squashinflux.influx.QueryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr and an exit code; a stack trace only with
 * {@code --verbose}, for failures nobody expected.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  /** What to do when InfluxDB stayed unreachable: the message before it names the URL and error. */
  static final String START_INFLUX = "; to start a local InfluxDB 1.x: 'sudo systemctl start"
      + " influxdb' or 'influxd run'";
  private static final String START_HINT = "influxd run";
  private final boolean verbose;

  Failures(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    int code = code(e);
    String message = message(e, verbose);
    err.println("squash-influx: " + message);
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    err.flush();
    return code;
  }

  /** The exit code for a failure. */
  static int code(Exception e) {
    if (e instanceof UserError) {
      return Main.CONFIGURATION;
    } else if (e instanceof DeliveryException delivery) {
      return delivery.configuration() ? Main.CONFIGURATION : Main.INCOMPLETE;
    } else if (e instanceof SourceException source) {
      return source.configuration() ? Main.CONFIGURATION : Main.INCOMPLETE;
    } else if (e instanceof QueryException query) {
      return query.configuration() ? Main.CONFIGURATION : Main.INCOMPLETE;
    }
    return Main.INCOMPLETE;
  }

  /** The one line that tells the user what went wrong (the start hint once, for an outage). */
  static String message(Exception e, boolean verbose) {
    if (e instanceof UserError || e instanceof SourceException || e instanceof IOException
        || e instanceof java.io.UncheckedIOException) {
      return e.getMessage();
    } else if (e instanceof DeliveryException delivery) {
      return e.getMessage() + (delivery.configuration() || e.getMessage().contains(START_HINT)
          ? "" : START_INFLUX);
    } else if (e instanceof QueryException query) {
      return e.getMessage() + (query.configuration() ? "" : START_INFLUX);
    } else if (e instanceof InterruptedException) {
      return "interrupted";
    } else if (e instanceof Pipeline.FatalError) {
      return e.getMessage() + (verbose ? "" : " (run with --verbose for details)");
    }
    return "unexpected error: " + e + (verbose ? "" : " (run with --verbose for details)");
  }

  /** A bad option or argument: the message and a pointer to --help on one line, exit code 2. */
  static int usage(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    err.println("squash-influx: " + message + " (try '" + cli.getCommandSpec().qualifiedName()
        + " --help')");
    err.flush();
    return Main.CONFIGURATION;
  }
}
