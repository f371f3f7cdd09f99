package io.squashinflux.sink;

import io.squashinflux.lineprotocol.LineEncoder;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The encoding every sink shares: a batch of points as lines through the one {@link LineEncoder}
 * (a point the encoder cannot write at all is dropped with its reason in the notes, whatever the
 * sink), and the answer for those lines as the {@link Sink.Written} answer for the points. A sink
 * that is not line protocol (Sasquatch's Avro) maps each line's {@link #point} and still names a
 * refused point by its line, the rejects file's form.
 */
public final class LineBatch {
  private static final LineEncoder ENCODER = new LineEncoder();

  private final List<Point> points;
  private final List<Line> lines;
  private final Map<Line, Integer> index = new IdentityHashMap<>();

  private LineBatch(List<Point> points) {
    this.points = points;
    this.lines = new ArrayList<>(points.size());
  }

  /** Encodes every point; thread-safe (the encoder is shared). */
  public static LineBatch encode(List<Point> points, Notes notes) {
    LineBatch batch = new LineBatch(points);
    StringBuilder text = new StringBuilder(256);
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      text.setLength(0);
      int fields = ENCODER.encode(point, text, notes);
      if (fields > 0) {
        Line line = new Line(point.job(), text.substring(0, text.length() - 1), fields);
        batch.lines.add(line);
        batch.index.put(line, i);
      }
    }
    return batch;
  }

  public List<Line> lines() {
    return lines;
  }

  /** The point a line of this batch was encoded from. */
  public Point point(Line line) {
    return points.get(index.get(line));
  }

  /** The answer for a batch with nothing left to send. */
  public static Sink.Written none() {
    return new Sink.Written(0, 0, List.of(), 0);
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
