package io.squashinflux.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.json.Json;
import io.squashinflux.retry.Side;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the SQuaSH API knows of CI runs, each asked once: the jobs of one run share answers, and
 * many threads ask at once. A failed lookup is not remembered: it fails the job that needed it.
 */
final class ApiCiRuns implements CiRuns {
  private final SquashClient client;
  private final Map<String, CompletableFuture<Optional<String>>> firstDates =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<CodeChanges>>> codeChanges =
      new ConcurrentHashMap<>();

  ApiCiRuns(SquashClient client) {
    this.client = client;
  }

  @Override
  public Optional<String> firstDateCreated(String ciId) throws LookupFailed, InterruptedException {
    if (!known(ciId)) {
      return Optional.empty();
    }
    return once(firstDates, ciId, "/jenkins/" + segment(ciId),
        body -> Optional.ofNullable(JobParser.dateCreated(body)));
  }

  @Override
  public Optional<CodeChanges> codeChanges(String ciId, String ciName)
      throws LookupFailed, InterruptedException {
    if (!known(ciId)) {
      return Optional.empty();
    }
    String name = ciName == null ? "" : ciName;
    String path = "/code_changes/" + segment(ciId) + "?ci_name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8);
    return once(codeChanges, ciId + "\n" + name, path, body -> {
      JsonNode changes = Json.tree(body);
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

  /**
   * The first caller for a key asks, the others wait for its answer. An answer (a value, or none
   * for a run the API does not know) is kept for the life of the source; a failure is not, so the
   * next job or run asks again.
   */
  private <T> Optional<T> once(Map<String, CompletableFuture<Optional<T>>> cache, String key,
      String path, SquashClient.BodyReader<Optional<T>> reader)
      throws LookupFailed, InterruptedException {
    CompletableFuture<Optional<T>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<T>> first = cache.putIfAbsent(key, mine);
    if (first != null) {
      return await(first);
    }
    try {
      Outcome<Optional<T>> outcome = client.get(path, Side.SQUASH_JOB, reader);
      if (outcome.ok() || outcome.kind() == Outcome.Kind.SKIPPED) {
        Optional<T> value = outcome.ok() ? outcome.value() : Optional.empty();
        mine.complete(value);
        return value;
      }
      throw new LookupFailed("GET " + path + ": " + outcome.problem());
    } catch (LookupFailed | InterruptedException | RuntimeException e) {
      cache.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static <T> Optional<T> await(CompletableFuture<Optional<T>> answer)
      throws LookupFailed, InterruptedException {
    try {
      return answer.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof LookupFailed failed) {
        throw new LookupFailed(failed.getMessage());
      }
      throw new LookupFailed("the lookup failed: " + e.getCause());
    }
  }

  private static String json(JsonNode node) {
    return node == null ? "null" : Json.text(node);
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
