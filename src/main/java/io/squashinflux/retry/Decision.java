package io.squashinflux.retry;

import java.util.Objects;

/** The policy's verdict on one answer, with the one-line reason a user reads. */
public record Decision(Action action, String reason) {
  public Decision {
    Objects.requireNonNull(action, "action == null");
    Objects.requireNonNull(reason, "reason == null");
  }
}
