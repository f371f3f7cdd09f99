package io.squashinflux.sink;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.Line;
import io.squashinflux.sink.Rejected;
import io.squashinflux.lineprotocol.LineEncoder;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.sink.Sink;
import io.squashinflux.lineprotocol.Notes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoding the line-protocol sinks share: a batch of points as lines (a point the encoder
 * cannot write at all is dropped with its reason in the notes), and the server's answer for those
 * lines as the {@link Sink.Written} answer for the points.
 */
public final class LineBatch {
  private static final LineEncoder ENCODER = new LineEncoder();

  private final List<Line> lines;
  private final Map<Line, Integer> index = new IdentityHashMap<>();

  private LineBatch(int size) {
    this.lines = new ArrayList<>(size);
  }

  /** Encodes every point; thread-safe (the encoder is shared). */
  public static LineBatch encode(List<Point> points, Notes notes) {
    LineBatch batch = new LineBatch(points.size());
    StringBuilder text = new StringBuilder(256);
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      text.setLength(0);
      int fields = ENCODER.encode(point, text, notes);
      if (fields > 0) {
        Line line = new Line(point.job(), text.substring(0, text.length() - 1), fields, point);
        batch.lines.add(line);
        batch.index.put(line, i);
      }
    }
    return batch;
  }

  public List<Line> lines() {
    return lines;
  }

  /** The sink's answer, from what the server did with the lines. */
  public Sink.Written answer(BatchResult result) {
    long fields = 0;
    for (Line line : result.written()) {
      fields += line.fields();
    }
    List<Sink.Refused> refused = new ArrayList<>(result.rejected().size());
    for (Rejected rejected : result.rejected()) {
      refused.add(new Sink.Refused(index.get(rejected.line()), rejected.line().text(),
          rejected.reason()));
    }
    return new Sink.Written(result.written().size(), fields, refused, result.requests());
  }
}
