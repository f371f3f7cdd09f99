package io.squashinflux.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.source.Checkpoint;
import io.squashinflux.source.Item;
import io.squashinflux.testing.FakeTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A listing that names a job twice: each job is fetched once, and the count is told. */
class DuplicateIdsTest {
  private final FakeSquash squash = newServer();

  @AfterEach
  void stop() {
    squash.close();
  }

  @Test
  void eachListedIdIsFetchedOnceAndTheDuplicatesAreCounted() throws Exception {
    squash.on("/jobs", (exchange, nth) ->
        FakeSquash.send(exchange, 200, "{\"ids\": [1, 2, 2, 3, 1, 2]}"));
    squash.on("/job/", (exchange, nth) ->
        FakeSquash.send(exchange, 200, Fixtures.bytes("api-job.json")));
    ApiJobSource jobs = new ApiJobSource(new ApiOptions(squash.uri(), 4, Duration.ofSeconds(60),
        Duration.ofSeconds(60), new FakeTime().retrier(2), null));
    AtomicInteger duplicates = new AtomicInteger(-1);
    ConcurrentLinkedQueue<String> read = new ConcurrentLinkedQueue<>();

    new JobItems(jobs, Checkpoint.NONE, key -> true,
        (unique, twice, todo) -> {
          assertThat(unique).containsExactly("1", "2", "3");
          duplicates.set(twice);
        })
        .read(item -> read.add(((Item.OfJob) item).job().ref()));

    assertThat(duplicates).hasValue(3);
    assertThat(read).containsExactlyInAnyOrder("job 1", "job 2", "job 3");
    for (String id : List.of("1", "2", "3")) {
      assertThat(squash.requests("/job/" + id)).as(id).isEqualTo(1);
    }
  }

  private static FakeSquash newServer() {
    try {
      return new FakeSquash();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
