package io.squashinflux.state;

import java.nio.file.Path;

/**
 * Where states and their siblings (rejects, the notified findings) are kept when no option names
 * a file: {@code $XDG_STATE_HOME/squash-influx}, else {@code ~/.local/state/squash-influx}.
 */
public final class StateFolder {
  private StateFolder() {}

  public static Path path() {
    String base = System.getenv("XDG_STATE_HOME");
    return base != null && !base.isBlank()
        ? Path.of(base, "squash-influx")
        : Path.of(System.getProperty("user.home"), ".local", "state", "squash-influx");
  }

  /** The rejects file beside a state file: {@code NAME.rejects.jsonl} for {@code NAME.json}. */
  public static Path rejectsBeside(Path state) {
    String name = state.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return state.resolveSibling(base + ".rejects.jsonl");
  }

  /** The file of this identity in the folder: {@code DATABASE-FINGERPRINT.SUFFIX}. */
  public static Path file(String database, Identity identity, String suffix) {
    return path().resolve(database.replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
        + identity.fingerprint() + suffix);
  }
}
