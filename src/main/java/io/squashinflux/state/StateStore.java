package io.squashinflux.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonGenerator;
import io.squashinflux.json.Json;
import io.squashinflux.files.FileProblem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.squashinflux.source.Ack;
import io.squashinflux.source.Checkpoint;

/**
 * Which jobs are synced and which failed, for one {@link Identity}, kept in a small JSON file.
 *
 * <p>Jobs whose points the sink refused in part are kept as <em>refused</em>, with the reason:
 * they are not synced (a later run with {@code --retry-rejected} sends them again), and every
 * run's summary counts them.
 *
 * <p>The file is written atomically (a temporary file, every write checked, fsync, rename, fsync of
 * the folder), so a crash or a full disk leaves the old state or the new one, never half of one.
 * Writes go through a stream that an interrupt cannot close, so a state is saved on a thread that
 * was interrupted too. A lock file held for the life of
 * the store stops a second run from using the same state. A state that does not parse, or that
 * belongs to another source, database or data model, is refused and left untouched.
 */
public final class StateStore implements Checkpoint, AutoCloseable {
  static final String FORMAT = "squash-influx-state/1";

  private final Path path;
  private final Identity identity;
  private final Clock clock;
  private final Duration saveEvery;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final KeySet synced = new KeySet();
  private final KeySet failed = new KeySet();
  private final Map<String, String> refused = new TreeMap<>();
  private long lastSave;
  private boolean dirty;

  private StateStore(Path path, Identity identity, Clock clock, Duration saveEvery,
      FileChannel lockChannel, FileLock lock) {
    this.path = path;
    this.identity = identity;
    this.clock = clock;
    this.saveEvery = saveEvery;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.lastSave = clock.millis();
  }

  /** Locks and reads the state at {@code path}, or starts an empty one if there is no file. */
  public static StateStore open(Path path, Identity identity, Clock clock, Duration saveEvery)
      throws StateException {
    Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Path parent = path.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        throw new StateException("the state " + path + " is in use by another squash-influx run"
            + " (lock " + lockPath + "); wait for it to finish, or use another --state");
      }
      StateStore store = new StateStore(path, identity, clock, saveEvery, channel, lock);
      store.load();
      return store;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateException("cannot open the state " + path + ": " + FileProblem.why(e)
          + "; give --state a file in a writable folder, or run with --no-state");
    } catch (StateException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      return null;
    }
  }

  public Path path() {
    return path;
  }

  public synchronized boolean isSynced(String key) {
    return synced.contains(key);
  }

  public synchronized int syncedCount() {
    return synced.size();
  }

  public synchronized List<String> syncedKeys() {
    return synced.keys();
  }

  public synchronized List<String> failedKeys() {
    return failed.keys();
  }

  /** Jobs the sink refused points of, each with the first reason. */
  public synchronized Map<String, String> refused() {
    return Map.copyOf(refused);
  }

  public synchronized boolean isRefused(String key) {
    return refused.containsKey(key);
  }

  /** Every point of the job was acknowledged. */
  public synchronized void synced(String key) {
    synced.add(key);
    failed.remove(key);
    refused.remove(key);
    dirty = true;
    saveIfDue();
  }

  /** The sink refused some of the job's points for good; kept for {@code --retry-rejected}. */
  public synchronized void refused(String key, String reason) {
    synced.remove(key);
    failed.remove(key);
    refused.put(key, reason);
    dirty = true;
    saveIfDue();
  }

  /** The job failed; a later run tries it again. */
  public synchronized void failed(String key) {
    if (!synced.contains(key)) {
      failed.add(key);
      dirty = true;
    }
    saveIfDue();
  }

  @Override
  public Ack ack(String key) {
    return new Ack() {
      @Override
      public void synced() {
        StateStore.this.synced(key);
      }

      @Override
      public void refused(String reason) {
        StateStore.this.refused(key, reason);
      }

      @Override
      public void failed(String reason) {
        StateStore.this.failed(key);
      }
    };
  }

  /** Forgets every job, for a full re-sync. */
  public synchronized void clear() {
    synced.clear();
    refused.clear();
    dirty = true;
  }

  private void saveIfDue() {
    if (clock.millis() - lastSave >= saveEvery.toMillis()) {
      trySave();
    }
  }

  private void trySave() {
    try {
      save();
    } catch (IOException e) {
      System.getLogger(StateStore.class.getName())
          .log(System.Logger.Level.WARNING, "cannot save the state " + path + ": " + e.getMessage());
    }
  }

  /**
   * Writes the state atomically now; on any failure (a full disk, an I/O error) the previous file
   * is left as it was, the temporary file is removed, and the exception names the file.
   */
  @Override
  public synchronized void save() throws IOException {
    java.io.StringWriter text = new java.io.StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(text).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("source", identity.source());
      g.writeStringField("database", identity.database());
      g.writeStringField("mapping", identity.mapping());
      g.writeStringField("updated", clock.instant().toString());
      keys(g, "synced", synced);
      keys(g, "failed", failed);
      g.writeObjectFieldStart("refused");
      for (Map.Entry<String, String> entry : refused.entrySet()) {
        g.writeStringField(entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    Path temp = path.resolveSibling(path.getFileName() + ".tmp");
    DurableFile.replace(path, temp, bytes);
    lastSave = clock.millis();
    dirty = false;
  }

  private static void keys(JsonGenerator g, String name, KeySet set) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("ids", set.ranges());
    g.writeArrayFieldStart("keys");
    for (String key : set.others()) {
      g.writeString(key);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void load() throws StateException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException none) {
      return;
    } catch (IOException e) {
      throw new StateException("cannot read the state " + path + ": " + e.getMessage());
    }
    String problem = "the state " + path + " is damaged and was left as it is; move it away to"
        + " start afresh (every job is then synced again, which is harmless)";
    JsonNode root;
    try {
      root = Json.tree(bytes);
    } catch (IOException e) {
      throw new StateException(problem + ": " + firstLine(e.getMessage()));
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new StateException(problem + ": not a squash-influx state file");
    }
    checkIdentity(root);
    try {
      read(root.path("synced"), synced);
      read(root.path("failed"), failed);
      root.path("refused").fields().forEachRemaining(e -> refused.put(e.getKey(), e.getValue().asText()));
    } catch (IllegalArgumentException e) {
      throw new StateException(problem + ": " + e.getMessage());
    }
  }

  private void checkIdentity(JsonNode root) throws StateException {
    Identity stored = new Identity(root.path("source").asText(), root.path("database").asText(),
        root.path("mapping").asText());
    if (!stored.equals(identity)) {
      throw new StateException("the state " + path + " belongs to another sync (source "
          + stored.source() + ", database " + stored.database() + ", model " + stored.mapping()
          + "), not to this one (source " + identity.source() + ", database " + identity.database()
          + ", model " + identity.mapping() + "); use another --state, or leave --state out to get"
          + " one state per sync");
    }
  }

  private static void read(JsonNode node, KeySet into) {
    if (!node.path("ids").isTextual() || !node.path("keys").isArray()) {
      throw new IllegalArgumentException("missing ids or keys");
    }
    into.addRanges(node.get("ids").asText());
    node.get("keys").forEach(key -> into.add(key.asText()));
  }

  private static String firstLine(String text) {
    int newline = text == null ? -1 : text.indexOf('\n');
    return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
  }

  /** Saves what is unsaved and releases the lock. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (dirty) {
        save();
      }
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to release.
      }
    }
  }
}
