package io.squashinflux.lineprotocol;

import io.squashinflux.lineprotocol.Notes;
import java.util.ArrayList;
import java.util.List;

/** Notes kept in memory, for assertions. */
final class RecordingNotes implements Notes {
  /** One note: {@code dropped} or {@code changed}. */
  record Note(boolean dropped, String job, String key, String reason) {}

  final List<Note> all = new ArrayList<>();

  @Override
  public synchronized void dropped(String job, String key, String reason) {
    all.add(new Note(true, job, key, reason));
  }

  @Override
  public synchronized void changed(String job, String key, String reason) {
    all.add(new Note(false, job, key, reason));
  }

  boolean has(String key, String reason) {
    return all.stream().anyMatch(n -> n.key().equals(key) && n.reason().equals(reason));
  }

  boolean about(String job, String key) {
    return all.stream().anyMatch(n -> n.job().equals(job) && n.key().equals(key));
  }

  List<String> reasons() {
    return all.stream().map(Note::reason).toList();
  }
}
