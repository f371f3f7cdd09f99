package io.squashinflux.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Jobs from lsst.verify job files ({@code --from PATH...}): each path is a file, or a folder walked
 * for {@code *.json} files. A job's key and ref are its file's absolute path, so a state file keeps
 * its meaning whatever folder the command runs from.
 */
public final class FileJobSource implements JobSource {
  private final List<Path> paths;
  private final int parallelism;
  private final boolean packages;
  private final String squashUrl;
  /** Folder entries named {@code *.json} that are no regular file, with what they are. */
  private final Map<String, String> irregular = new ConcurrentHashMap<>();

  public FileJobSource(List<Path> paths, int parallelism) {
    this(paths, parallelism, true);
  }

  /** With {@code packages} false, jobs are read without their {@code meta.packages}. */
  public FileJobSource(List<Path> paths, int parallelism, boolean packages) {
    this(paths, parallelism, packages, null);
  }

  /**
   * With a SQuaSH base url, a {@code GET /job} answer read from a file also gets its API url
   * ({@code <base>/job/<id>}); its own {@code id} is kept either way.
   */
  public FileJobSource(List<Path> paths, int parallelism, boolean packages, String squashUrl) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no paths given");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1 but was " + parallelism);
    }
    this.paths = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.parallelism = parallelism;
    this.packages = packages;
    this.squashUrl = squashUrl;
  }

  @Override
  public String describe() {
    return "files " + paths.stream().map(Path::toString).collect(Collectors.joining(" "));
  }

  /** The files, in the order given; a folder's files sorted by path, for determinism. */
  @Override
  public List<String> list() throws SourceException {
    Set<String> keys = new LinkedHashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        keys.addAll(walk(path, irregular));
      } else if (Files.exists(path)) { // a file, a FIFO, /dev/stdin: anything that can be read
        keys.add(path.toString());
      } else {
        throw new SourceException("no such file or folder: " + path, true);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * The folder's {@code *.json} entries, symbolic links followed; a link back up is not walked
   * twice. A named pipe, socket or device among them is listed but kept in {@code irregular}, to
   * be reported rather than opened: reading a pipe no one writes to waits for ever.
   */
  private static List<String> walk(Path dir, Map<String, String> irregular) throws SourceException {
    List<String> files = new ArrayList<>();
    try {
      Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              if (file.getFileName().toString().endsWith(".json") && !attributes.isDirectory()) {
                files.add(file.toString());
                if (!attributes.isRegularFile()) {
                  irregular.put(file.toString(), FileKind.of(file));
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new SourceException("cannot read the folder " + dir + ": " + e.getMessage(), true);
    }
    files.sort(null);
    return files;
  }

  @Override
  public void fetch(List<String> keys, Consumer consumer) throws InterruptedException {
    Parallel.forEach(new ArrayList<>(keys), parallelism, "read-file", key -> read(key, consumer));
  }

  private void read(String key, Consumer consumer) throws InterruptedException {
    String kind = irregular.get(key);
    if (kind != null) {
      consumer.failed(key, key + ": " + kind + ", not a regular file: not read (remove it from the"
          + " folder, or name it alone in --from to read it)");
      return;
    }
    Job job;
    try (InputStream in = Files.newInputStream(Path.of(key))) {
      job = JobParser.parse(in, key, Job.Origin.FILE, null, null, packages).withUrlFrom(squashUrl);
    } catch (JobFormatException e) {
      consumer.failed(key, key + ": " + e.getMessage());
      return;
    } catch (IOException e) {
      consumer.failed(key, key + ": cannot read: " + withoutPath(e));
      return;
    } catch (OutOfMemoryError e) {
      consumer.failed(key, HeapBudget.outOfMemory(key, "read", e));
      return;
    }
    consumer.job(job);
  }

  /** What went wrong, without the path a {@link java.nio.file.FileSystemException} repeats. */
  private static String withoutPath(IOException e) {
    if (e instanceof java.nio.file.FileSystemException f) {
      String what = e.getClass().getSimpleName().replace("Exception", "")
          .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
      return f.getReason() != null ? f.getReason() : what;
    }
    return String.valueOf(e.getMessage());
  }
}
