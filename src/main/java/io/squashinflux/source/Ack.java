package io.squashinflux.source;

/**
 * The acknowledgement handle of one {@link Item}. The pipeline calls exactly one method, once:
 * {@link #synced} only when the sink acknowledged every point the item produced as written (or
 * the item deliberately produced none); {@link #refused} when the sink refused some of them for
 * good, so the item is kept apart for {@code --retry-rejected}, never counted as done;
 * {@link #failed} when it could not be read, enriched, mapped or written, so a later run tries it
 * again. Implementations are thread-safe and quick (they record, they do not do I/O per call).
 */
public interface Ack {

  void synced();

  /** {@code reason}: the sink's reason for the first refused point. */
  void refused(String reason);

  void failed(String reason);

  /** An ack that records nothing (for {@code convert}, whose output needs no checkpoint). */
  Ack NONE = new Ack() {
    @Override
    public void synced() {}

    @Override
    public void refused(String reason) {}

    @Override
    public void failed(String reason) {}
  };
}
