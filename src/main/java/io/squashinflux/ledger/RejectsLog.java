package io.squashinflux.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The rejects file: one JSON object a line for every value, line or job that did not reach
 * InfluxDB as it was, with the job, the key or line, and the reason. Opened on the first record
 * and appended to, so a run that loses nothing leaves no file behind.
 */
public final class RejectsLog implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  /** Records are written to the file in whole lines, this many bytes at a time at most. */
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path path;
  private final Clock clock;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BUFFER_BYTES);
  private JsonGenerator json; // over the buffer
  private RandomAccessFile file; // once the first record opened it
  private long complete; // bytes of the file that end in a complete line
  private String failure; // why the file could not be written; later records are counted only
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

  /**
   * Appends one record; {@code key} and {@code line} may be null. A failure to write is kept and
   * thrown by {@link #flush} and {@link #close}, so the run goes on and fails loudly at its end.
   */
  public synchronized void record(String kind, String job, String key, String line, String reason) {
    records++;
    if (path == null || failure != null) {
      return;
    }
    try {
      if (json == null) {
        json = JSON.createGenerator(buffer);
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
      json.flush(); // into the buffer only
      if (buffer.size() >= BUFFER_BYTES) {
        writeBuffer();
      }
    } catch (IOException e) {
      failed(e);
    }
  }

  /**
   * Writes the buffered lines: each write is checked, and on a failure (a full disk) the file is
   * cut back to its last complete line, so it never holds half a record.
   */
  private void writeBuffer() throws IOException {
    if (buffer.size() == 0) {
      return;
    }
    if (file == null) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      file = new RandomAccessFile(path.toFile(), "rw");
      complete = file.length();
    }
    try {
      file.seek(complete);
      file.write(buffer.toByteArray());
      complete = file.getFilePointer();
      buffer.reset();
    } catch (IOException e) {
      buffer.reset();
      try {
        file.setLength(complete);
      } catch (IOException ignored) {
        // The cut is best effort; the failure below is what the user must hear.
      }
      throw e;
    }
  }

  private void failed(IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    failure = "cannot write the rejects file " + path + ": " + reason + "; it holds the records"
        + " up to its last complete line, and the summary counts every one";
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

  /** Writes what is buffered and syncs it to disk; throws when anything could not be written. */
  public synchronized void flush() {
    if (path == null) {
      return;
    }
    if (failure == null) {
      try {
        writeBuffer();
        if (file != null) {
          file.getFD().sync();
        }
      } catch (IOException e) {
        failed(e);
      }
    }
    if (failure != null) {
      throw new UncheckedIOException(failure, new IOException(failure));
    }
  }

  @Override
  public synchronized void close() {
    try {
      flush();
    } finally {
      if (file != null) {
        try {
          file.close();
        } catch (IOException ignored) {
          // Flushed and synced above, or the failure is already being thrown.
        }
        file = null;
      }
    }
  }
}
