package io.squashinflux.retry;

/**
 * An HTTP answer, or the I/O error that took its place, to be classified by {@link Policy}.
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param message the server's error text (InfluxDB's {@code error}), or the I/O error's message
 * @param error the I/O error, or null
 */
public record Answer(int status, String message, Throwable error) {
  public Answer {
    message = message == null ? "" : message;
  }

  public static Answer of(int status, String message) {
    return new Answer(status, message, null);
  }

  public static Answer failed(Throwable error) {
    return new Answer(0, String.valueOf(error.getMessage()), error);
  }
}
