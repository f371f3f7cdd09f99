package io.squashinflux.cli;

import io.squashinflux.report.Summary;
import java.io.PrintWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code squash-influx} command: the only place that calls {@link System#exit}. */
@Command(
    name = "squash-influx",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Sync SQuaSH verification metrics into InfluxDB, so every metric can be plotted"
        + " over time per dataset and filter.",
    subcommands = {
      SyncCommand.class,
      WatchCommand.class,
      ConvertCommand.class,
      GenerateCommand.class,
      ServeApiCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 everything written; 1 some jobs or values could not be written",
      "(all reported: see the summary and the rejects file); 2 usage or configuration error.",
      "",
      "Examples:",
      "  squash-influx demo",
      "  squash-influx sync --squash-url https://squash-restful-api.lsst.codes \\",
      "      --influx-url http://localhost:8086 --db squash"
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with these streams and returns the exit code; used by tests too. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    configureLogging(verbose);
    CommandLine cli = commandLine(verbose, out, err);
    java.nio.file.Path config = ConfigFile.named(args);
    if (config != null) {
      try {
        cli.setDefaultValueProvider(ConfigFile.load(config, cli));
      } catch (UserError e) {
        err.println("squash-influx: " + e.getMessage());
        err.flush();
        return CONFIGURATION;
      }
    }
    return cli.execute(args);
  }

  /** The whole command tree with these streams, one-line failures and exit codes. */
  static CommandLine commandLine(boolean verbose, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Failures(verbose));
    cli.setParameterExceptionHandler(Failures::usage);
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }

  private static void configureLogging(boolean verbose) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "squash-influx: %4$s: %5$s%6$s%n");
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new SimpleFormatter());
    Level level = verbose ? Level.FINE : Level.WARNING;
    handler.setLevel(level);
    root.setLevel(level);
    root.addHandler(handler);
  }

  /** Exit codes, as the README documents them. */
  static final int OK = Summary.OK;
  static final int INCOMPLETE = Summary.INCOMPLETE;
  static final int CONFIGURATION = Summary.CONFIGURATION;
}
