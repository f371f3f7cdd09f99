package io.squashinflux.source;

import io.squashinflux.testing.Await;
import io.squashinflux.testing.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiCiRunsTest {
  private final FakeSquash squash = newServer();
  private final CiRuns ciRuns = new ApiJobSource(new ApiOptions(squash.uri(), 4,
      Duration.ofSeconds(60), Duration.ofSeconds(60), new FakeTime().retrier(2), null)).ciRuns();

  @AfterEach
  void stop() {
    squash.close();
  }

  @Test
  void firstDateCreatedIsFetchedOncePerRunWhateverTheNumberOfCallers() throws Exception {
    List<Thread> asking = new CopyOnWriteArrayList<>();
    squash.on("/jenkins/1612", (exchange, nth) -> {
      // The answer waits until all six callers wait too: they all asked while it was in flight.
      awaitAllWaiting(asking, 6);
      FakeSquash.send(exchange, 200, Fixtures.bytes("api-job.json"));
    });
    ExecutorService callers = Executors.newFixedThreadPool(6);
    List<Callable<Optional<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(() -> {
        asking.add(Thread.currentThread());
        return ciRuns.firstDateCreated("1612");
      });
    }
    List<Optional<String>> answers = new ArrayList<>();
    for (Future<Optional<String>> answer : callers.invokeAll(calls)) {
      answers.add(answer.get());
    }
    callers.shutdown();

    assertThat(answers).containsOnly(Optional.of("2019-03-29T18:44:45Z"));
    assertThat(squash.requests("/jenkins/1612")).isEqualTo(1);
  }

  @Test
  void codeChangesKeepPackagesAndCountsAsJsonText() throws Exception {
    squash.on("/code_changes/1612", (exchange, nth) -> FakeSquash.send(exchange, 200,
        "{\"id\": 5, \"previous_id\": 4, \"packages\": [[\"afw\", \"abc\", \"https://x/afw\"]],"
            + " \"counts\": {\"afw\": 1}}"));

    Optional<CiRuns.CodeChanges> changes = ciRuns.codeChanges("1612", "validate_drp");
    ciRuns.codeChanges("1612", "validate_drp");

    assertThat(changes).contains(
        new CiRuns.CodeChanges("[[\"afw\",\"abc\",\"https://x/afw\"]]", "{\"afw\":1}"));
    assertThat(squash.requests("/code_changes/1612?ci_name=validate_drp")).isEqualTo(1);
  }

  @Test
  void unknownOrEmptyRunsAreNeverAsked() throws Exception {
    assertThat(ciRuns.firstDateCreated("unknown")).isEmpty();
    assertThat(ciRuns.firstDateCreated(null)).isEmpty();
    assertThat(ciRuns.codeChanges("", "validate_drp")).isEmpty();

    assertThat(squash.exchanges).isEmpty();
  }

  @Test
  void aRunTheApiDoesNotKnowIsEmptyAndRemembered() throws Exception {
    squash.on("/jenkins/77", (exchange, nth) -> FakeSquash.send(exchange, 404, "{}"));

    assertThat(ciRuns.firstDateCreated("77")).isEmpty();
    assertThat(ciRuns.firstDateCreated("77")).isEmpty();
    assertThat(squash.requests("/jenkins/77")).isEqualTo(1);
  }

  @Test
  void aLookupThatFailsAfterItsRetriesThrowsAndIsAskedAgainNextTime() throws Exception {
    squash.on("/jenkins/88", (exchange, nth) -> {
      if (nth <= 2) {
        FakeSquash.send(exchange, 503, "{}");
      } else {
        FakeSquash.send(exchange, 200, Fixtures.bytes("api-job.json"));
      }
    });

    assertThatThrownBy(() -> ciRuns.firstDateCreated("88"))
        .isInstanceOf(CiRuns.LookupFailed.class).hasMessageContaining("/jenkins/88");
    assertThat(ciRuns.firstDateCreated("88")).contains("2019-03-29T18:44:45Z");
    assertThat(squash.requests("/jenkins/88")).isEqualTo(3);
  }

  /**
   * Returns once {@code count} threads asked and all but one are parked on the first's answer
   * (that one reads it in a socket read, which a thread does RUNNABLE).
   */
  private static void awaitAllWaiting(List<Thread> threads, int count) throws Exception {
    Await.until(count + " callers asked, all but one parked", Duration.ofSeconds(60),
        () -> threads.size() >= count && threads.stream()
            .filter(t -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING).count() >= count - 1);
  }

  private static FakeSquash newServer() {
    try {
      return new FakeSquash();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
