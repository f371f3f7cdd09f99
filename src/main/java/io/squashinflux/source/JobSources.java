package io.squashinflux.source;

import io.squashinflux.failure.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The jobs a run reads: job files or the SQuaSH API, exactly one of them. */
public final class JobSources {
  private JobSources() {}

  /**
   * Job files when {@code from} names any ({@code squashUrl}, if given, is then only the base of
   * their URLs), else the API at {@code squashUrl} reached with {@code api}'s settings; mistakes
   * are user errors. {@code group} belongs to a Kafka source, never to files.
   */
  public static JobSource open(List<String> from, String squashUrl, String group, int parallel,
      boolean packages, Function<URI, ApiOptions> api) {
    List<Path> files = from == null ? List.of() : from.stream().map(Path::of).toList();
    if (files.isEmpty() && squashUrl == null) {
      throw new UserError(
          "no jobs to read: give --squash-url URL (a SQuaSH API) or --from PATH (job files)");
    }
    if (!files.isEmpty()) {
      if (group != null) {
        throw new UserError("--group is for --from kafka:// only");
      }
      for (Path file : files) {
        if (!Files.exists(file)) {
          throw new UserError("--from " + file + ": no such file or folder");
        }
      }
      return new FileJobSource(files, parallel, packages,
          squashUrl == null ? null : squashUrl.trim());
    }
    URI base;
    try {
      base = new URI(squashUrl.trim());
    } catch (URISyntaxException e) {
      throw new UserError("--squash-url is not a URL: " + e.getMessage());
    }
    try {
      return new ApiJobSource(api.apply(base), packages);
    } catch (IllegalArgumentException e) {
      throw new UserError("--squash-url: " + e.getMessage());
    }
  }
}
