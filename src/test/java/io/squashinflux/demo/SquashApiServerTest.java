package io.squashinflux.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquashApiServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final JobGenerator generator = JobGenerator.withSeed(7, 30);
  private SquashApiServer server;

  @BeforeEach
  void start() throws IOException {
    server = SquashApiServer.start(generator, 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsEveryJobIdAndServesEachJob() throws Exception {
    assertThat(server.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    JsonNode ids = getJson("/jobs");
    assertThat(ids.get("ids")).hasSize(30);
    assertThat(ids.get("ids").get(0).asLong()).isEqualTo(1);
    HttpResponse<byte[]> job = get("/job/12");
    assertThat(job.statusCode()).isEqualTo(200);
    assertThat(job.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(job.body()).isEqualTo(generator.bytes(12, JobFormat.API));
  }

  @Test
  void unknownJobsAndPathsAre404() throws Exception {
    HttpResponse<byte[]> missing = get("/job/31");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(MAPPER.readTree(missing.body()).get("message").asText()).isEqualTo("Job not found");
    assertThat(get("/job/abc").statusCode()).isEqualTo(404);
    assertThat(get("/jenkins/999999").statusCode()).isEqualTo(404);
    assertThat(get("/nothing/here").statusCode()).isEqualTo(404);
    assertThat(server.requests(Endpoint.OTHER)).isEqualTo(1);
  }

  @Test
  void jenkinsAnswersTheFirstJobOfTheCiRun() throws Exception {
    String ciId = generator.ciId(5);
    JsonNode job = getJson("/jenkins/" + ciId);
    long expectedFirst = ((5 - 1) / generator.jobsPerRun()) * generator.jobsPerRun() + 1;
    assertThat(job.get("id").asLong()).isEqualTo(expectedFirst);
    assertThat(job.get("meta").get("env").get("ci_id").asText()).isEqualTo(ciId);
  }

  @Test
  void codeChangesListPackagesThatDifferFromThePreviousRun() throws Exception {
    String first = generator.ciId(1);
    JsonNode none = getJson("/code_changes/" + first + "?ci_name=validate_drp");
    assertThat(none.get("previous_id").isNull()).isTrue();
    assertThat(none.get("packages")).isEmpty();
    int changedRuns = 0;
    for (long id = 1 + generator.jobsPerRun(); id <= 30; id += generator.jobsPerRun()) {
      JsonNode changes = getJson("/code_changes/" + generator.ciId(id) + "?ci_name=validate_drp");
      assertThat(changes.get("id").asText()).isEqualTo(generator.ciId(id));
      assertThat(changes.get("previous_id").asText())
          .isEqualTo(generator.ciId(id - generator.jobsPerRun()));
      assertThat(changes.get("counts").asInt())
          .isEqualTo(changes.get("packages").size());
      for (JsonNode p : changes.get("packages")) {
        assertThat(p).hasSize(3);
        assertThat(p.get(2).asText()).startsWith("https://github.com/lsst/");
      }
      changedRuns += changes.get("packages").isEmpty() ? 0 : 1;
    }
    assertThat(changedRuns).isPositive();
    assertThat(getJson("/code_changes/" + first + "?ci_name=validate_drp"))
        .isEqualTo(none);
    assertThat(get("/code_changes/" + first + "?ci_name=other").statusCode()).isEqualTo(404);
  }

  @Test
  void specsAndMetricsHaveTheDocumentedShapes() throws Exception {
    JsonNode spec = getJson("/specs").get("specs").get(0);
    assertThat(spec.get("threshold").has("value")).isTrue();
    assertThat(spec.get("threshold").get("operator").asText()).isEqualTo("<=");
    assertThat(spec.has("tags")).isTrue();
    assertThat(spec.has("metadata_query")).isTrue();
    JsonNode metric = getJson("/metrics").get("metrics").get(0);
    assertThat(JobGeneratorTest.fieldNames(metric))
        .contains("name", "package", "display_name", "description", "unit", "tags", "reference");
  }

  @Test
  void countsRequestsPerEndpointAndAddedJobsAppear() throws Exception {
    getJson("/jobs");
    for (long id = 1; id <= 30; id++) {
      get("/job/" + id);
    }
    assertThat(server.requests(Endpoint.JOB)).isEqualTo(30);
    server.resetCounts();
    server.addJobs(20);
    assertThat(getJson("/jobs").get("ids")).hasSize(50);
    assertThat(get("/job/50").statusCode()).isEqualTo(200);
    assertThat(server.requestCounts())
        .containsEntry(Endpoint.JOBS, 1L)
        .containsEntry(Endpoint.JOB, 1L);
  }

  @Test
  void injectedFaultsHappenAsConfiguredThenStop() throws Exception {
    Faults faults =
        Faults.none()
            .when("/job/3", 2, Fault.status(503))
            // The JDK client retries a GET once, unseen, when a pooled connection closes unanswered.
            .when("/job/4", 2, Fault.drop())
            .when("/job/5", 1, Fault.truncate())
            .when("/jobs", 1, Fault.delay(Duration.ofMillis(300)));
    server.setFaults(faults);
    assertThat(get("/job/3").statusCode()).isEqualTo(503);
    assertThat(get("/job/3").statusCode()).isEqualTo(503);
    assertThat(get("/job/3").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get("/job/4")).isInstanceOf(IOException.class);
    assertThat(get("/job/4").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get("/job/5")).isInstanceOf(IOException.class);
    assertThat(get("/job/5").body()).isEqualTo(generator.bytes(5, JobFormat.API));
    long started = System.nanoTime();
    assertThat(get("/jobs").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(250));
    assertThat(faults.remaining()).isZero();
    assertThat(server.requests(Endpoint.JOB)).isEqualTo(3 + 3 + 2);
  }

  @Test
  void servesAFolderOfApiJobFilesAndPicksUpNewOnes(@TempDir Path dir) throws Exception {
    for (long id = 1; id <= 6; id++) {
      Files.write(dir.resolve(JobFormat.API.fileName(id)), generator.bytes(id, JobFormat.API));
    }
    Files.write(dir.resolve("renamed.json"), generator.bytes(7, JobFormat.API));
    Files.writeString(dir.resolve("notes.json"), "{\"no\":\"id\"}");
    try (SquashApiServer files = SquashApiServer.start(dir, 0)) {
      assertThat(ids(files)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
      assertThat(get(files.url(), "/job/7").body()).isEqualTo(generator.bytes(7, JobFormat.API));
      assertThat(get(files.url(), "/job/8").statusCode()).isEqualTo(404);
      JsonNode first = MAPPER.readTree(get(files.url(), "/jenkins/" + generator.ciId(6)).body());
      assertThat(first.get("id").asLong()).isEqualTo(4);
      JsonNode changes = MAPPER.readTree(
          get(files.url(), "/code_changes/" + generator.ciId(4) + "?ci_name=validate_drp").body());
      assertThat(changes.get("previous_id").asText()).isEqualTo(generator.ciId(1));
      Files.write(dir.resolve("8.json"), generator.bytes(8, JobFormat.API));
      assertThat(files.rescan()).isEqualTo(1);
      assertThat(ids(files)).hasSize(8);
      assertThat(get(files.url(), "/job/8").statusCode()).isEqualTo(200);
    }
  }

  private List<Long> ids(SquashApiServer s) throws Exception {
    List<Long> out = new ArrayList<>();
    MAPPER.readTree(get(s.url(), "/jobs").body()).get("ids").forEach(n -> out.add(n.asLong()));
    return out;
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<byte[]> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return get(server.url(), path);
  }

  private HttpResponse<byte[]> get(URI base, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }
}
