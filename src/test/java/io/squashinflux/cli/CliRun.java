package io.squashinflux.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One command line run in this JVM, as a user would type it, with what it printed. */
record CliRun(int code, String out, String err) {

  static CliRun of(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun of(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return of(all);
  }
}
