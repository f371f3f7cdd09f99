package io.squashinflux.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.json.Json;
import io.squashinflux.retry.Side;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Jobs from the SQuaSH API ({@code --squash-url URL}): {@code GET /jobs} lists the ids, and
 * {@code GET /job/<id>} reads each, several in flight, retried as {@link io.squashinflux.retry.Policy}
 * says. A job's key is its id; its ref is {@code "job <id>"}.
 */
public final class ApiJobSource implements JobSource {
  private final ApiOptions options;
  private final SquashClient client;
  private final ApiCiRuns ciRuns;
  private final boolean packages;

  public ApiJobSource(ApiOptions options) {
    this(options, true);
  }

  /** With {@code packages} false, jobs are read without their {@code meta.packages}. */
  public ApiJobSource(ApiOptions options, boolean packages) {
    this.options = options;
    this.packages = packages;
    this.client = new SquashClient(options);
    this.ciRuns = new ApiCiRuns(client);
  }

  /** The base URL with any password masked: {@code https://user:***@host}. */
  @Override
  public String describe() {
    return SquashClient.masked(options.base());
  }

  @Override
  public List<String> list() throws SourceException {
    Outcome<List<String>> outcome;
    try {
      outcome = client.get("/jobs", Side.SQUASH_LIST, ApiJobSource::readIds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while listing the jobs of " + describe(), false);
    }
    return switch (outcome.kind()) {
      case OK -> outcome.value();
      case GAVE_UP -> throw new SourceException(
          "cannot list the jobs of " + describe() + ": " + outcome.problem(), false);
      case INVALID -> throw new SourceException("GET " + describe() + "/jobs did not answer a job"
          + " list (" + outcome.problem() + "): check --squash-url", true);
      default -> throw new SourceException(
          "cannot list the jobs of " + describe() + ": " + outcome.problem(), true);
    };
  }

  /** Reads {@code {"ids": [1, 2, ...]}}; a list is small, so a tree is fine here. */
  private static List<String> readIds(InputStream body) throws IOException, JobFormatException {
    JsonNode ids;
    try {
      ids = Json.tree(body).get("ids");
    } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
      throw JobParser.syntaxError(e);
    }
    if (ids == null || !ids.isArray()) {
      throw JobFormatException.shape("no \"ids\" array");
    }
    List<String> keys = new ArrayList<>(ids.size());
    for (JsonNode id : ids) {
      if (!id.canConvertToExactIntegral() || !id.canConvertToLong()) {
        throw JobFormatException.shape("an id is not an integer: " + id);
      }
      keys.add(String.valueOf(id.asLong()));
    }
    return keys;
  }

  /**
   * Fetches with {@code --parallel} requests in flight and twice as many threads: a thread whose
   * job is in hand maps and queues it after giving up its request permit, so that the next
   * request starts at once instead of after the mapping. Against a remote API, where a request
   * is mostly waiting, that keeps the requests in flight at {@code --parallel}.
   */
  @Override
  public void fetch(List<String> keys, Consumer consumer) throws InterruptedException {
    Semaphore inFlight = new Semaphore(options.parallelism());
    Parallel.forEach(new ArrayList<>(keys), 2 * options.parallelism(), "fetch-job",
        key -> fetchOne(key, consumer, inFlight));
  }

  private void fetchOne(String key, Consumer consumer, Semaphore inFlight)
      throws InterruptedException {
    long id;
    try {
      id = Long.parseLong(key);
    } catch (NumberFormatException e) {
      consumer.failed(key, "job " + key + ": not a SQuaSH job id");
      return;
    }
    String ref = "job " + id;
    String url = client.url("/job/" + id);
    Outcome<Job> outcome;
    inFlight.acquire();
    try {
      outcome = client.get("/job/" + id, Side.SQUASH_JOB,
          body -> JobParser.parse(body, ref, Job.Origin.API, id, url, packages));
    } catch (OutOfMemoryError e) {
      consumer.failed(key, HeapBudget.outOfMemory(ref, "read", e));
      return;
    } finally {
      inFlight.release();
    }
    if (outcome.ok()) {
      consumer.job(outcome.value());
    } else {
      consumer.failed(key, ref + ": " + outcome.problem());
    }
  }

  @Override
  public CiRuns ciRuns() {
    return ciRuns;
  }
}
