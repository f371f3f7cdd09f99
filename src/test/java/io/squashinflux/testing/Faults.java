package io.squashinflux.testing;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Which requests the test SQuaSH API answers with a {@link Fault}, and how many times: a JDK
 * server {@link Filter} that {@code SquashApiServer.setFaults} puts before the real answer.
 * Rules are tried in the order they were added; the first matching rule with faults left wins.
 * Thread-safe.
 */
public final class Faults extends Filter {
  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  /** No faults. */
  public static Faults none() {
    return new Faults();
  }

  /**
   * Answers the next {@code times} requests whose path and query (e.g. {@code /job/7} or
   * {@code /code_changes/1001?ci_name=validate_drp}) fully match {@code pathRegex} with {@code fault}.
   */
  public Faults when(String pathRegex, int times, Fault fault) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    rules.add(new Rule(Pattern.compile(pathRegex), new AtomicInteger(times), fault));
    return this;
  }

  /** How many faults are still to be injected. */
  public int remaining() {
    return rules.stream().mapToInt(r -> Math.max(0, r.left().get())).sum();
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    Optional<Fault> fault = take(query == null ? path : path + "?" + query);
    if (fault.isEmpty()) {
      chain.doFilter(exchange);
      return;
    }
    Fault f = fault.get();
    if (f instanceof Fault.Status s) {
      byte[] body = ("{\"message\":\"" + s.message() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(s.code(), body.length);
      exchange.getResponseBody().write(body);
      return;
    }
    if (f instanceof Fault.Drop) {
      // The JDK server closes the connection, without an answer, when a handler throws.
      throw new IOException("injected fault: connection dropped");
    }
    if (f instanceof Fault.Delay d) {
      await(() -> Thread.sleep(d.duration().toMillis()));
    } else if (f instanceof Fault.Hold h) {
      await(() -> h.gate().await());
    } else if (f instanceof Fault.Truncate) {
      // A short body under a full Content-Length makes the JDK server close the connection.
      exchange.setStreams(null, new HalfOfEachWrite(exchange.getResponseBody()));
    }
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "injected faults";
  }

  private Optional<Fault> take(String pathAndQuery) {
    for (Rule rule : rules) {
      if (rule.pattern().matcher(pathAndQuery).matches() && rule.left().getAndDecrement() > 0) {
        return Optional.of(rule.fault());
      }
    }
    return Optional.empty();
  }

  private interface Wait {
    void run() throws InterruptedException;
  }

  private static void await(Wait wait) throws IOException {
    try {
      wait.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during an injected fault", e);
    }
  }

  /** Passes on half of every write. */
  private static final class HalfOfEachWrite extends FilterOutputStream {
    HalfOfEachWrite(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length / 2);
    }
  }

  private record Rule(Pattern pattern, AtomicInteger left, Fault fault) {}
}
