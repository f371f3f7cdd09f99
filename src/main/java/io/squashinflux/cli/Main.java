package io.squashinflux.cli;

import io.squashinflux.failure.UserError;
import io.squashinflux.ledger.Summary;
import java.io.PrintWriter;
import java.util.List;
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

  /** Declared once, here, for every command; {@link #run(String[], PrintWriter, PrintWriter)} reads it first. */
  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Log each request and print stack traces of errors.")
  boolean verbose;

  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
    int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  /**
   * A thread that dies of an {@code Error} (out of memory, say) outside the pipeline's own
   * handling ends the process with one line and exit code 1, rather than leaving the others
   * waiting for it for ever.
   */
  private static void uncaught(Thread thread, Throwable e) {
    System.err.println("squash-influx: fatal error in thread " + thread.getName() + ": " + e);
    System.err.flush();
    if (e instanceof Error) {
      Runtime.getRuntime().halt(INCOMPLETE);
    }
  }

  /** Runs the command line with these streams and returns the exit code; used by tests too. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    configureLogging(verbose);
    java.nio.file.Path config = ConfigFile.named(args);
    // A config file is checked against every command's options, so it needs them all.
    CommandLine cli = commandLine(verbose, out, err, config == null ? args : new String[0]);
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

  /** The commands in the order --help lists them. */
  private static final List<Class<?>> COMMANDS = List.of(SyncCommand.class, WatchCommand.class,
      ConvertCommand.class, ReportCommand.class, GenerateCommand.class, ServeApiCommand.class,
      DemoCommand.class, DashboardsCommand.class, SpecsCommand.class,
      CommandLine.HelpCommand.class);

  /**
   * The command tree with these streams, one-line failures and exit codes. When {@code args}
   * start with a command's name, the tree holds that command only: picocli builds every
   * command it holds from its annotations, which is start-up time (BENCHMARKS.md).
   */
  static CommandLine commandLine(boolean verbose, PrintWriter out, PrintWriter err,
      String[] args) {
    CommandLine cli = new CommandLine(new Main());
    Class<?> named = null;
    for (Class<?> command : COMMANDS) {
      String name = command.getAnnotation(Command.class).name();
      if (args.length > 0 && args[0].equals(name) && command != CommandLine.HelpCommand.class) {
        named = command;
      }
    }
    for (Class<?> command : COMMANDS) {
      if (named == null || command == named) {
        cli.addSubcommand(command);
      }
    }
    ReadOnly.strip(cli);
    // A misspelt option after --from's paths is an unknown option, not one more path.
    cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new Failures(verbose));
    cli.setParameterExceptionHandler(Failures::usage);
    cli.setExecutionStrategy(parsed -> {
      OptionBounds.check(parsed);
      return new CommandLine.RunLast().execute(parsed);
    });
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }

  /**
   * Log lines read {@code squash-influx: WARNING: ...}. Without --verbose the JDK's defaults show
   * warnings and hide debug lines already, so logging is set up only for --verbose: setting it up
   * costs start-up time.
   */
  private static void configureLogging(boolean verbose) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "squash-influx: %4$s: %5$s%6$s%n");
    if (!verbose && !loggingConfigured) {
      return;
    }
    loggingConfigured = true; // a later run in this JVM (tests) must set its own level again
    Level level = verbose ? Level.FINE : Level.WARNING;
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setFormatter(new SimpleFormatter());
    handler.setLevel(level);
    root.setLevel(level);
    root.addHandler(handler);
    // The JDK client's own debug lines print every URL whole: a webhook's holds its token.
    JDK_HTTP_CLIENT.setLevel(Level.INFO);
  }

  /** Held, so the level set on it is not lost with a collected logger. */
  private static final Logger JDK_HTTP_CLIENT = Logger.getLogger("jdk.internal.httpclient");

  private static volatile boolean loggingConfigured;

  /** Exit codes, as the README documents them. */
  static final int OK = Summary.OK;
  static final int INCOMPLETE = Summary.INCOMPLETE;
  static final int CONFIGURATION = Summary.CONFIGURATION;
}
