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
      int fields = encoder.encode(point, text, notes);
      if (fields > 0) {
        lines.add(new Line(point.job(), text.substring(0, text.length() - 1), fields, point));
      }
    }
    return new Lines(lines);
  }
}
