package io.squashinflux.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * The rejects file: one JSON object a line for every value, line or job that did not reach
 * InfluxDB as it was, with the job, the key or line, and the reason. Opened on the first record
 * and appended to, so a run that loses nothing leaves no file behind.
 */
public final class RejectsLog implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path path;
  private final Clock clock;
  private JsonGenerator json; // over the file, once the first record opened it
  private long records;
  private long stampMillis = Long.MIN_VALUE;
  private String stamp;

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
      if (json == null) {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        // One generator for the file. Nothing is flushed per record: that would be one write
        // call per record, under the lock every fetch thread takes; flush() and close() do it.
        json = JSON.createGenerator(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        json.setRootValueSeparator(null);
      }
      json.writeStartObject();
      json.writeStringField("time", stamp());
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
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejects file " + path + ": " + e.getMessage(), e);
    }
  }

  /** The time of a record, to the millisecond; formatted once per millisecond. */
  private String stamp() {
    long millis = clock.millis();
    if (millis != stampMillis) {
      stampMillis = millis;
      stamp = Instant.ofEpochMilli(millis).toString();
    }
    return stamp;
  }

  public synchronized void flush() {
    if (json != null) {
      try {
        json.flush(); // and the file under it
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (json != null) {
      try {
        json.close(); // and the file under it
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      json = null;
    }
  }
}
