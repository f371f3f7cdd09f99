package io.squashinflux.dashboards;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.series.ReadModel;
import io.squashinflux.specs.Specs;
import io.squashinflux.specs.SpecsException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code dashboards} command's work: survey the database, write the dashboards of each kind
 * into a folder, and upload them when asked.
 */
public final class Dashboards {

  /** Which program's dashboards. */
  public enum Kind {
    chronograf,
    grafana,
    all
  }

  /**
   * What to make and where.
   *
   * @param specs {@code --specs} (a file or URL), or null
   * @param squashUrl {@code --squash-url}, for {@code /specs} and {@code /metrics}, or null
   * @param upload where to upload (one kind only), or null
   * @param token sent as {@code Authorization: Bearer} on upload, or null
   */
  public record Request(InfluxTarget influx, Mapping mapping, Kind kind, Path out, String specs,
      URI squashUrl, URI upload, String token) {
    public Request {
      Objects.requireNonNull(influx, "influx == null");
      Objects.requireNonNull(mapping, "mapping == null");
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(out, "out == null");
      if (upload != null && kind == Kind.all) {
        throw new DashboardException("--upload takes one kind: run with --for chronograf and"
            + " with --for grafana, each with its own URL", true);
      }
    }
  }

  private Dashboards() {}

  private static Reference reference(Request request, HttpSettings http) {
    try {
      return new Reference(Specs.load(request.specs(), request.squashUrl(), http));
    } catch (SpecsException e) {
      throw new DashboardException(e.getMessage(), true);
    }
  }

  /** Makes the dashboards; prints what it did to {@code out}; returns the exit code (0). */
  public static int run(Request request, PrintWriter out) {
    InfluxTarget influx = request.influx();
    HttpSettings http = influx.http().withTimeouts(influx.timeout(), influx.timeout());
    Web web = new Web(http);
    Catalog catalog = new InfluxCatalog(new InfluxQuery(influx, http), influx.retentionPolicy());
    if (catalog.measurements().isEmpty()) {
      throw new DashboardException("database \"" + influx.database() + "\" at "
          + Web.origin(influx.url()) + " holds no points yet: run squash-influx sync first", true);
    }
    Reference reference = reference(request, http);
    Survey.Result survey = new Survey(catalog, ReadModel.of(request.mapping()), reference)
        .of(influx.database(), influx.retentionPolicy());
    survey.unexplained().forEach(line -> out.println("not explained by the mapping: " + line));
    if (survey.boards().isEmpty()) {
      throw new DashboardException("no measurement of \"" + influx.database() + "\" holds metrics"
          + " the " + request.mapping().name() + " model explains: check --mapping", true);
    }
    List<Board> boards = survey.boards();
    boolean chronograf = request.kind() != Kind.grafana;
    boolean grafana = request.kind() != Kind.chronograf;
    Folder folder = new Folder(request.out());
    if (chronograf) {
      folder.chronograf(boards);
    }
    if (grafana) {
      folder.grafana(boards, influx.url(), influx.database(), influx.user());
    }
    folder.readme(Readme.text(boards, chronograf, grafana, survey.unexplained()));
    int panels = boards.stream().mapToInt(b -> b.panels().size()).sum();
    out.println("wrote " + boards.size() + " dashboards (" + panels + " metrics) for "
        + (chronograf && grafana ? "Chronograf and Grafana" : chronograf ? "Chronograf" : "Grafana")
        + " into " + request.out() + " (" + folder.written().size() + " files; see README.txt)");
    Span span = boards.stream().map(Board::span).filter(Objects::nonNull).reduce(Span::plus)
        .orElse(null);
    if (chronograf && span != null) {
      out.println("Chronograf opens a dashboard on the range last used in the browser: add "
          + span.chronografQuery() + " to its address for the data's time span");
    }
    reference.notes().forEach(note -> out.println("specs: " + note));
    if (reference.isEmpty()) {
      out.println("no units or specs: pass --specs FILE|URL or --squash-url to draw them");
    }
    if (request.upload() != null) {
      Upload upload = new Upload(web, request.upload(), request.token());
      List<Upload.Done> done = grafana ? upload.grafana(boards) : upload.chronograf(boards);
      done.forEach(d -> out.println(d.action() + " " + d.title() + " at "
          + Web.origin(request.upload())));
    }
    return 0;
  }
}
