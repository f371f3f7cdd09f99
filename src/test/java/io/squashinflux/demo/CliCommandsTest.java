package io.squashinflux.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.cli.GenerateCommand;
import io.squashinflux.cli.ServeApiCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliCommandsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void generateWritesOneApiFilePerJobThatAServerCanServe(@TempDir Path dir) throws Exception {
    int code = run(new GenerateCommand(), "--count", "12", "--seed", "4", "--out", dir.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("wrote 12 api jobs to");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(12).contains("1.json", "12.json");
    }
    assertThat(Files.readAllBytes(dir.resolve("5.json")))
        .isEqualTo(JobGenerator.withSeed(4, 12).bytes(5, JobFormat.API));
    try (SquashApiServer server = SquashApiServer.start(dir, 0)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> jobs = client.send(
          HttpRequest.newBuilder(URI.create(server.url() + "/jobs")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(MAPPER.readTree(jobs.body()).get("ids")).hasSize(12);
    }
  }

  @Test
  void generateWritesVerifyFilesWithTheChosenSpanAndRegression(@TempDir Path dir) throws Exception {
    int code = run(new GenerateCommand(), "--count", "6", "--format", "verify", "--out",
        dir.toString(), "--span-days", "10", "--end", "2022-03-01", "--regression-date",
        "2022-02-25T00:00:00Z");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("from 2022-02-25T00:00:00Z");
    JsonNode job = MAPPER.readTree(dir.resolve("6.verify.json").toFile());
    assertThat(job.has("id")).isFalse();
    assertThat(job.get("meta").get("packages").isObject()).isTrue();
    assertThat(job.get("meta").get("env").get("date").asText()).startsWith("2022-02-");
  }

  @Test
  void generateRejectsBadOptionsWithExitCode2(@TempDir Path dir) {
    assertThat(run(new GenerateCommand(), "--format", "csv", "--out", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("CSV");
    assertThat(run(new GenerateCommand(), "--count", "0", "--out", dir.toString())).isEqualTo(2);
    assertThat(run(new GenerateCommand(), "--count", "3")).isEqualTo(2);
    assertThat(err.toString()).contains("--out");
  }

  @Test
  void helpShowsTheDescriptionDefaultsAndAnExample() {
    assertThat(run(new GenerateCommand(), "--help")).isZero();
    assertThat(out.toString())
        .contains("Write realistic, seeded SQuaSH jobs")
        .contains("Default: 1000")
        .contains("squash-influx generate --count");
    assertThat(run(new ServeApiCommand(), "--help")).isZero();
    assertThat(out.toString())
        .contains("Serve a read-only SQuaSH-compatible API")
        .contains("squash-influx serve-api --generate");
  }

  @Test
  void serveApiPrintsItsUrlFirstAndServesUntilInterrupted() throws Exception {
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
        .execute("--generate", "9", "--seed", "3")));
    serving.start();
    String first = lines.poll(10, TimeUnit.SECONDS);
    assertThat(first).matches("serving SQuaSH API at http://127\\.0\\.0\\.1:\\d+ \\(9 jobs\\)");
    String url = first.substring("serving SQuaSH API at ".length(), first.indexOf(" ("));
    HttpResponse<String> job = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/job/9")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(job.statusCode()).isEqualTo(200);
    serving.interrupt();
    serving.join(10_000);
    assertThat(code.get()).isZero();
  }

  @Test
  void serveApiRejectsAMissingFolderWithExitCode2(@TempDir Path dir) {
    assertThat(run(new ServeApiCommand(), "--from", dir.resolve("missing").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not a folder");
    assertThat(run(new ServeApiCommand())).isEqualTo(2);
  }

  private int run(Object command, String... args) {
    return new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
