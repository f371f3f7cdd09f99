package io.squashinflux.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The rejects file: one JSON object a line for every value, line or job that did not reach
 * InfluxDB as it was, with the job, the key or line, and the reason. Opened on the first record
 * and appended to, so a run that loses nothing leaves no file behind.
 */
public final class RejectsLog implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path path;
  private final Clock clock;
  private BufferedWriter out;
  private long records;

  public RejectsLog(Path path, Clock clock) {
    this.path = path;
    this.clock = clock;
  }

  /** A log that keeps nothing (for convert without --rejects, where the summary suffices). */
  public static RejectsLog none() {
    return new RejectsLog(null, Clock.systemUTC());
  }

  public Path path() {
    return path;
  }

  public synchronized long records() {
    return records;
  }

  /** Appends one record; {@code key} and {@code line} may be null. */
  public synchronized void record(String kind, String job, String key, String line, String reason) {
    records++;
    if (path == null) {
      return;
    }
    try {
      if (out == null) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      try (JsonGenerator json = JSON.createGenerator(out)) {
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        // Closing the generator would flush the file: one write call per record, under the lock
        // every fetch thread takes. The buffer is flushed by flush() and close() instead.
        json.configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
        json.writeStartObject();
        json.writeStringField("time", clock.instant().toString());
        json.writeStringField("kind", kind);
        json.writeStringField("job", job);
        if (key != null) {
          json.writeStringField("key", key);
        }
        if (line != null) {
          json.writeStringField("line", line);
        }
        json.writeStringField("reason", reason);
        json.writeEndObject();
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejects file " + path + ": " + e.getMessage(), e);
    }
  }

  public synchronized void flush() {
    if (out != null) {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out = null;
    }
  }
}
