package io.squashinflux.lineprotocol;

/**
 * Where every stage reports a value it dropped or had to change, with the job, the key and the
 * reason. Implementations are thread-safe. Nothing is dropped or changed without a note.
 */
public interface Notes {

  /** A value that will not reach InfluxDB. */
  void dropped(String job, String key, String reason);

  /** A value that reaches InfluxDB changed (escaped names excepted: escaping is lossless). */
  void changed(String job, String key, String reason);

  /** Notes that go nowhere, for callers that check the outcome themselves. */
  Notes NONE =
      new Notes() {
        @Override
        public void dropped(String job, String key, String reason) {}

        @Override
        public void changed(String job, String key, String reason) {}
      };
}
