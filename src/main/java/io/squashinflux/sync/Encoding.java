package io.squashinflux.sync;

import io.squashinflux.delivery.Line;
import io.squashinflux.lineprotocol.LineEncoder;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.mapping.Mapped;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.report.Notes;
import io.squashinflux.source.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The conversion of a run: the mapper makes points, the encoder makes lines. Thread-safe. */
public final class Encoding implements Conversion {
  private final Mapper mapper;
  private final LineEncoder encoder = new LineEncoder();
  private final Notes notes;
  private final Consumer<List<Point>> observer;

  /** {@code observer} sees each job's points (for statistics), or is null. */
  public Encoding(Mapper mapper, Notes notes, Consumer<List<Point>> observer) {
    this.mapper = mapper;
    this.notes = notes;
    this.observer = observer;
  }

  @Override
  public Result convert(Job job) {
    Mapped mapped = mapper.map(job);
    if (mapped instanceof Mapped.Skipped skipped) {
      boolean loss = skipped.kind() != Mapped.Skip.DATASET_FILTER;
      return new Skipped(loss ? skipped.reason() : skipped.kind().label(), loss);
    }
    List<Point> points = ((Mapped.Points) mapped).points();
    if (observer != null) {
      observer.accept(points);
    }
    List<Line> lines = new ArrayList<>(points.size());
    StringBuilder text = new StringBuilder(256);
    for (Point point : points) {
      text.setLength(0);
      if (encoder.encode(point, text, notes)) {
        int end = text.length() - 1;
        lines.add(new Line(point.job(), text.substring(0, end), countFields(text, end)));
      }
    }
    return new Lines(lines);
  }

  /** Field values the encoded line carries: read from the line, after the encoder's cleaning. */
  private static int countFields(CharSequence line, int end) {
    // Fields sit between the first unescaped space and the last space (before the timestamp).
    int fields = 1;
    boolean inString = false;
    int start = firstSpace(line, end);
    int stop = lastSpace(line, end);
    for (int i = start + 1; i < stop; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (c == ',' && !inString) {
        fields++;
      }
    }
    return fields;
  }

  private static int firstSpace(CharSequence line, int end) {
    for (int i = 0; i < end; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ' ') {
        return i;
      }
    }
    return end;
  }

  private static int lastSpace(CharSequence line, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (line.charAt(i) == ' ') {
        return i;
      }
    }
    return end;
  }
}
