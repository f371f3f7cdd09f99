package io.squashinflux.sink;

import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Line protocol into a file or stdout ({@code convert}): every point the encoder can write is
 * written, in the order the pipeline hands them over; nothing is ever refused. The writer is
 * flushed at {@link #close}, and closed by its owner. An observer, when given, sees each job's
 * points before encoding, one call per job ({@code --stats}), since a pipeline that keeps the
 * source's order hands a job's points over together.
 */
public final class FileSink implements Sink {
  private final Writer out;
  private final String description;
  private final Consumer<List<Point>> perJob;
  private final List<Point> job = new ArrayList<>();

  /** {@code perJob}: sees each job's points, or null. */
  public FileSink(Writer out, String description, Consumer<List<Point>> perJob) {
    this.out = out;
    this.description = description;
    this.perJob = perJob;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void open() {}

  @Override
  public Written write(List<Point> points, Notes notes) {
    if (perJob != null) {
      observe(points);
    }
    LineBatch batch = LineBatch.encode(points, notes);
    try {
      for (Line line : batch.lines()) {
        out.write(line.text());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return batch.answer(new BatchResult(batch.lines(), List.of(), 0));
  }

  private void observe(List<Point> points) {
    for (Point point : points) {
      if (!job.isEmpty() && !job.get(0).job().equals(point.job())) {
        perJob.accept(List.copyOf(job));
        job.clear();
      }
      job.add(point);
    }
  }

  @Override
  public void close() {
    if (perJob != null && !job.isEmpty()) {
      perJob.accept(List.copyOf(job));
      job.clear();
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
