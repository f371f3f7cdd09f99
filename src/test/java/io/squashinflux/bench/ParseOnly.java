package io.squashinflux.bench;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The floor for {@code convert --from DIR}: reads every *.json file of a folder with Jackson's
 * {@code readTree} and nothing more, on as many threads as convert's {@code --parallel}.
 * Prints {@code parse-only: F files, M measurements, S s}. Used by bench/convert.sh.
 *
 * <p>Usage: {@code ParseOnly DIR [THREADS]}.
 */
final class ParseOnly {
  // lsst.verify files may hold the bare literal NaN, which convert accepts too.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private ParseOnly() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    long start = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> parts = Stream.generate(() -> pool.submit(() -> {
      long measurements = 0;
      for (int i; (i = next.getAndIncrement()) < files.size(); ) {
        measurements += parse(files.get(i));
      }
      return measurements;
    })).limit(threads).toList();
    long measurements = 0;
    for (Future<Long> part : parts) {
      measurements += part.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("parse-only: %d files, %d measurements, %.3f s%n",
        files.size(), measurements, seconds);
  }

  private static long parse(Path file) {
    try {
      JsonNode job = MAPPER.readTree(file.toFile());
      return job.path("measurements").size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
