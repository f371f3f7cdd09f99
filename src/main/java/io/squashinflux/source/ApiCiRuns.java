package io.squashinflux.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.retry.Side;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the SQuaSH API knows of CI runs, each asked once: the jobs of one run share answers, and
 * many threads ask at once.
 */
final class ApiCiRuns implements CiRuns {
  private static final System.Logger LOG = System.getLogger(ApiCiRuns.class.getName());

  private final SquashClient client;
  private final Map<String, CompletableFuture<Optional<String>>> firstDates =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<CodeChanges>>> codeChanges =
      new ConcurrentHashMap<>();

  ApiCiRuns(SquashClient client) {
    this.client = client;
  }

  @Override
  public Optional<String> firstDateCreated(String ciId) {
    if (!known(ciId)) {
      return Optional.empty();
    }
    return once(firstDates, ciId, "/jenkins/" + segment(ciId),
        body -> Optional.ofNullable(JobParser.dateCreated(body)));
  }

  @Override
  public Optional<CodeChanges> codeChanges(String ciId, String ciName) {
    if (!known(ciId)) {
      return Optional.empty();
    }
    String name = ciName == null ? "" : ciName;
    String path = "/code_changes/" + segment(ciId) + "?ci_name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8);
    return once(codeChanges, ciId + "\n" + name, path, body -> {
      JsonNode changes = JobParser.MAPPER.readTree(body);
      if (changes == null || !changes.isObject()) {
        throw JobFormatException.shape("not a code changes object");
      }
      return Optional.of(new CodeChanges(json(changes.get("packages")), json(changes.get("counts"))));
    });
  }

  /** Jobs run outside CI say {@code unknown}: there is no run to ask about. */
  private static boolean known(String ciId) {
    return ciId != null && !ciId.isBlank() && !ciId.equals("unknown");
  }

  private <T> Optional<T> once(Map<String, CompletableFuture<Optional<T>>> cache, String key,
      String path, SquashClient.BodyReader<Optional<T>> reader) {
    CompletableFuture<Optional<T>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<T>> first = cache.putIfAbsent(key, mine);
    if (first != null) {
      return first.join();
    }
    Optional<T> value = Optional.empty();
    try {
      Outcome<Optional<T>> outcome = client.get(path, Side.SQUASH_JOB, reader);
      if (outcome.ok()) {
        value = outcome.value();
      } else {
        LOG.log(System.Logger.Level.WARNING, "GET {0}: {1}", path, outcome.problem());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cache.remove(key, mine);
    } finally {
      mine.complete(value);
    }
    return value;
  }

  private static String json(JsonNode node) {
    return node == null ? "null" : node.toString();
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
