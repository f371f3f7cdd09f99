package io.squashinflux.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * API-response job files in a folder: {@code <id>.json}, or any {@code *.json} with a top-level
 * {@code id}. Only ids and paths are kept; each job is read from disk when asked for, so memory
 * does not grow with the files' size. The CI runs are indexed on first use.
 */
final class FolderStore implements JobStore {
  private static final System.Logger LOG = System.getLogger(FolderStore.class.getName());
  private static final Pattern ID_NAME = Pattern.compile("[1-9][0-9]{0,17}\\.json");

  private final Path dir;
  private final NavigableMap<Long, Path> files = new ConcurrentSkipListMap<>();
  private final Set<Path> seen = new HashSet<>();
  private volatile Runs runs;

  /** The first job of each CI run, by {@code ci_id} and in job-id order. */
  private record Runs(Map<String, Long> firstJob, NavigableMap<Long, String> byFirstJob) {}

  FolderStore(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("not a folder: " + dir);
    }
    this.dir = dir;
    rescan();
  }

  /** Indexes files that appeared since the last scan; returns how many jobs were added. */
  synchronized int rescan() throws IOException {
    int before = files.size();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : (Iterable<Path>) list.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".json") || !seen.add(file)) {
          continue;
        }
        // A named pipe would block the scan for ever: only regular files are jobs.
        if (Files.isRegularFile(file)) {
          idOf(file, name).ifPresent(id -> files.putIfAbsent(id, file));
        } else {
          LOG.log(Level.WARNING, "skipping {0}: not a regular file", file);
        }
      }
    }
    runs = null;
    return files.size() - before;
  }

  int size() {
    return files.size();
  }

  @Override
  public long[] ids() {
    return files.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public Optional<byte[]> job(long id) throws IOException {
    Path file = files.get(id);
    return file == null ? Optional.empty() : Optional.of(Files.readAllBytes(file));
  }

  @Override
  public OptionalLong firstJobOfRun(String ciId) throws IOException {
    Long first = runs().firstJob().get(ciId);
    return first == null ? OptionalLong.empty() : OptionalLong.of(first);
  }

  @Override
  public Optional<String> previousRun(String ciId) throws IOException {
    Runs index = runs();
    Long first = index.firstJob().get(ciId);
    return first == null
        ? Optional.empty()
        : Optional.ofNullable(index.byFirstJob().lowerEntry(first)).map(Map.Entry::getValue);
  }

  private Runs runs() throws IOException {
    Runs index = runs;
    if (index == null) {
      Map<String, Long> firstJob = new HashMap<>();
      for (Map.Entry<Long, Path> e : files.entrySet()) {
        JsonPeek.scalar(e.getValue(), "meta", "env", "ci_id")
            .ifPresent(ci -> firstJob.putIfAbsent(ci, e.getKey()));
      }
      NavigableMap<Long, String> byFirstJob = new TreeMap<>();
      firstJob.forEach((ci, id) -> byFirstJob.put(id, ci));
      index = new Runs(firstJob, byFirstJob);
      runs = index;
    }
    return index;
  }

  private static Optional<Long> idOf(Path file, String name) {
    if (ID_NAME.matcher(name).matches()) {
      return Optional.of(Long.parseLong(name.substring(0, name.length() - 5)));
    }
    try {
      Optional<Long> id = JsonPeek.scalar(file, "id").flatMap(FolderStore::parseId);
      if (id.isEmpty()) {
        LOG.log(Level.DEBUG, "skipping {0}: no numeric top-level id", file);
      }
      return id;
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "skipping {0}: {1}", file, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Long> parseId(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
