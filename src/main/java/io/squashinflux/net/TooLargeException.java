package io.squashinflux.net;

import java.io.IOException;

/** An answer over the client's {@code maxResponseBytes}: it is not read further. */
public final class TooLargeException extends IOException {
  public TooLargeException(long limit) {
    super("the answer is larger than the " + limit + " bytes --max-response-size allows");
  }
}
