package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.specs.Checkout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve-api --specs DIR} answers /specs and /metrics from a verify_metrics checkout. */
class ServeApiSpecsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void specsAndMetricsAreTheCheckoutsAnswers() throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    AtomicInteger code = new AtomicInteger(-1);
    PrintWriter lineWriter = new PrintWriter(new StringWriter() {
      @Override
      public void flush() {
        lines.addAll(toString().lines().toList());
        getBuffer().setLength(0);
      }
    });
    Thread serving = new Thread(() -> code.set(new CommandLine(new ServeApiCommand())
        .setOut(lineWriter)
        .execute("--generate", "3", "--specs", CheckoutFixture.DIR)));
    serving.start();
    String first = lines.poll(30, TimeUnit.SECONDS);
    assertThat(first).startsWith("serving SQuaSH API at ");
    String url = first.substring("serving SQuaSH API at ".length(), first.indexOf(" ("));
    HttpClient client = HttpClient.newHttpClient();
    Checkout checkout = Checkout.at(Path.of(CheckoutFixture.DIR));
    for (String path : new String[] {"/specs", "/metrics"}) {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + path))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(answer.body()))
          .isEqualTo(path.equals("/specs") ? checkout.specs() : checkout.metrics());
    }
    serving.interrupt();
    serving.join(10_000);
    assertThat(code.get()).isZero();
  }

  @Test
  void aCheckoutThatDoesNotResolveIsRefusedBeforeServing(@TempDir Path dir) throws Exception {
    Path pkg = java.nio.file.Files.createDirectories(dir.resolve("specs/pkg"));
    java.nio.file.Files.writeString(pkg.resolve("a.yaml"), "---\nname: x\nbase: '#nope'\n");
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new ServeApiCommand()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute("--generate", "3", "--specs", dir.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith(pkg.resolve("a.yaml") + ":3: unknown base '#nope'");
    assertThat(out.toString()).isEmpty();
  }
}
