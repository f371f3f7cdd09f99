package io.squashinflux.cli;

import io.squashinflux.delivery.DeliveryException;
import io.squashinflux.source.SourceException;
import io.squashinflux.trends.QueryException;
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
  private final boolean verbose;

  Failures(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    int code;
    String message;
    if (e instanceof UserError) {
      code = Main.CONFIGURATION;
      message = e.getMessage();
    } else if (e instanceof DeliveryException delivery) {
      code = delivery.configuration() ? Main.CONFIGURATION : Main.INCOMPLETE;
      message = e.getMessage() + (delivery.configuration() ? "" : START_INFLUX);
    } else if (e instanceof SourceException source) {
      code = source.configuration() ? Main.CONFIGURATION : Main.INCOMPLETE;
      message = e.getMessage();
    } else if (e instanceof QueryException query) {
      code = query.configuration() ? Main.CONFIGURATION : Main.INCOMPLETE;
      message = e.getMessage() + (query.configuration() ? "" : START_INFLUX);
    } else if (e instanceof InterruptedException) {
      code = Main.INCOMPLETE;
      message = "interrupted";
    } else {
      code = Main.INCOMPLETE;
      message = "unexpected error: " + e + (verbose ? "" : " (run with --verbose for details)");
    }
    err.println("squash-influx: " + message);
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    }
    err.flush();
    return code;
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
