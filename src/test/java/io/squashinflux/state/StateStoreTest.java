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
  void jobIdsOfAnyMagnitudeCostOneRunEach() throws Exception {
    Path path = dir.resolve("state.json");
    String big = Long.toString(1L << 40);
    try (StateStore state = open(path)) {
      state.synced("999999999");
      state.synced(big);
      state.synced("7");
      state.failed("999999998");
    }
    try (StateStore state = open(path)) {
      assertThat(state.syncedKeys()).containsExactly("7", "999999999", big);
      assertThat(state.failedKeys()).containsExactly("999999998");
      state.synced("999999998");
      assertThat(state.isSynced("999999998")).isTrue();
      assertThat(state.isSynced("1000000000")).isFalse();
    }
    assertThat(Files.readString(path)).contains("\"7,999999998-999999999," + big + "\"");
  }

  @Test
  void runsMergeAndSplitAsIdsComeAndGo() {
    KeySet set = new KeySet();
    for (String id : new String[] {"5", "3", "4", "10", "1099511627776", "9"}) {
      set.add(id);
    }
    assertThat(set.ranges()).isEqualTo("3-5,9-10,1099511627776");
    set.remove("4");
    set.add("1099511627777");
    assertThat(set.ranges()).isEqualTo("3,5,9-10,1099511627776-1099511627777");
    assertThat(set.size()).isEqualTo(6);
    assertThat(set.runCount()).isEqualTo(4);
    set.addRanges("1-20");
    assertThat(set.ranges()).isEqualTo("1-20,1099511627776-1099511627777");
    assertThat(set.size()).isEqualTo(22);
  }

  @Test
  void aStateWrittenBeforeIdsWereSparseIsRead() throws Exception {
    Path path = dir.resolve("state.json");
    Files.writeString(path, "{\"format\": \"squash-influx-state/1\", \"source\": \"http://squash\","
        + " \"database\": \"http://influx db\", \"mapping\": \"notebook abc\","
        + " \"synced\": {\"ids\": \"1-3,8\", \"keys\": [\"12345678901\", \"/a.json\"]},"
        + " \"failed\": {\"ids\": \"\", \"keys\": []}, \"refused\": {}}");
    try (StateStore state = open(path)) {
      assertThat(state.syncedKeys()).containsExactly("1", "2", "3", "8", "12345678901", "/a.json");
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
