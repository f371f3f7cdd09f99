package io.squashinflux.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  private static final Identity ID = new Identity("http://squash", "http://influx db", "notebook abc");
  @TempDir Path dir;

  private StateStore open(Path path) throws StateException {
    return StateStore.open(path, ID, new FakeTime(), Duration.ofHours(1));
  }

  @Test
  void syncedAndFailedJobsSurviveAReopen() throws Exception {
    Path path = dir.resolve("state.json");
    try (StateStore state = open(path)) {
      state.synced("1");
      state.synced("2");
      state.failed("3");
      state.synced("/data/a b.json");
    }
    try (StateStore state = open(path)) {
      assertThat(state.isSynced("1")).isTrue();
      assertThat(state.isSynced("3")).isFalse();
      assertThat(state.failedKeys()).containsExactly("3");
      assertThat(state.syncedKeys()).containsExactly("1", "2", "/data/a b.json");
      state.synced("3");
    }
    try (StateStore state = open(path)) {
      assertThat(state.failedKeys()).isEmpty();
      assertThat(state.syncedCount()).isEqualTo(4);
    }
    assertThat(Files.list(dir)).noneMatch(p -> p.toString().endsWith(".tmp"));
  }

  @Test
  void hundredsOfThousandsOfJobsStaySmall() throws Exception {
    Path path = dir.resolve("state.json");
    try (StateStore state = open(path)) {
      for (int id = 1; id <= 300_000; id++) {
        if (id % 1000 != 0) {
          state.synced(Integer.toString(id));
        }
      }
    }
    assertThat(Files.size(path)).isLessThan(10_000);
    try (StateStore state = open(path)) {
      assertThat(state.syncedCount()).isEqualTo(300_000 - 300);
      assertThat(state.isSynced("2000")).isFalse();
      assertThat(state.isSynced("2001")).isTrue();
    }
  }

  @Test
  @SuppressWarnings("try") // the first store is held open, not used: it holds the lock
  void aSecondRunOnTheSameStateIsRefused() throws Exception {
    Path path = dir.resolve("state.json");
    try (StateStore first = open(path)) {
      assertThatThrownBy(() -> open(path))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("in use by another squash-influx run");
    }
    open(path).close();
  }

  @Test
  void aDamagedStateIsRefusedAndLeftAsItIs() throws Exception {
    Path path = dir.resolve("state.json");
    Files.writeString(path, "{\"format\": \"squash-influx-state/1\", \"synced\": {\"ids\": \"1-");
    byte[] before = Files.readAllBytes(path);
    assertThatThrownBy(() -> open(path))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("damaged")
        .hasMessageNotContaining("\n");
    assertThat(Files.readAllBytes(path)).isEqualTo(before);
    Files.writeString(path, "{\"format\": \"squash-influx-state/1\", \"source\": \"http://squash\","
        + " \"database\": \"http://influx db\", \"mapping\": \"notebook abc\","
        + " \"synced\": {\"ids\": \"9-3\", \"keys\": []}, \"failed\": {\"ids\": \"\", \"keys\": []}}");
    assertThatThrownBy(() -> open(path)).hasMessageContaining("bad range '9-3'");
  }

  @Test
  void aStateOfAnotherSyncIsNotReused() throws Exception {
    Path path = dir.resolve("state.json");
    try (StateStore state = open(path)) {
      state.synced("1");
    }
    Identity other = new Identity("http://squash", "http://influx db", "squash def");
    assertThatThrownBy(() -> StateStore.open(path, other, new FakeTime(), Duration.ofHours(1)))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("belongs to another sync")
        .hasMessageContaining("model notebook abc");
  }
}
