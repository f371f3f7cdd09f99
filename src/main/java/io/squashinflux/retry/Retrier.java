package io.squashinflux.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The one retry path: {@link #call} sends a request again while the {@link Policy} says
 * {@link Action#RETRY}, waiting between attempts, until the attempts or the total time are used
 * up. Time, sleeping and randomness are injected, so tests advance a fake clock instead of waiting.
 */
public final class Retrier {
  private final Backoff backoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public Retrier(Backoff backoff, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.backoff = backoff;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Retries with the real clock, real sleeping and a random jitter. */
  public static Retrier system(Backoff backoff) {
    return new Retrier(backoff, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
  }

  public Backoff backoff() {
    return backoff;
  }

  public Clock clock() {
    return clock;
  }

  /** One attempt's answer, as the policy reads it, and the server's {@code Retry-After}. */
  public interface Reply {
    Answer answer();

    default Optional<String> retryAfter() {
      return Optional.empty();
    }
  }

  /** One attempt at a request; may give up early by throwing. */
  @FunctionalInterface
  public interface Attempt<T extends Reply, E extends Exception> {
    T send() throws E, InterruptedException;
  }

  /** The error to throw once retrying is over: the last reply, the attempts made, their time. */
  @FunctionalInterface
  public interface GiveUp<T extends Reply, E extends Exception> {
    E because(T last, int attempts, Duration elapsed);
  }

  /** The first decision that was not a retry, the reply it was read from, the attempts made. */
  public record Outcome<T extends Reply>(Decision decision, T reply, int attempts) {}

  /**
   * Sends {@code attempt} until {@code decide} says anything but {@link Action#RETRY}, and returns
   * that; throws what {@code giveUp} makes once the attempts or the total time are used up.
   */
  public <T extends Reply, E extends Exception> Outcome<T> call(Attempt<T, E> attempt,
      Function<T, Decision> decide, GiveUp<T, E> giveUp) throws E, InterruptedException {
    Attempts attempts = start();
    int sent = 0;
    while (true) {
      sent++;
      T reply = attempt.send();
      Decision decision = decide.apply(reply);
      if (decision.action() != Action.RETRY) {
        return new Outcome<>(decision, reply, sent);
      }
      if (!attempts.waitBeforeNext(RetryAfter.parse(reply.retryAfter(), clock))) {
        throw giveUp.because(reply, sent, attempts.elapsed());
      }
    }
  }

  /** The time left until {@code started} plus the total time, never negative. */
  public Duration left(Instant started) {
    Duration left = Duration.between(clock.instant(), started.plus(backoff.totalTime()));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Starts counting attempts and time for one request. */
  public Attempts start() {
    return new Attempts(clock.instant());
  }

  /** The attempts at one request. */
  public final class Attempts {
    private final Instant started;
    private int failed;

    private Attempts(Instant started) {
      this.started = started;
    }

    /**
     * Waits before the next attempt and returns true, or returns false when the attempts or the
     * total time are used up. {@code retryAfter} is the server's wish, when it said one.
     */
    public boolean waitBeforeNext(Optional<Duration> retryAfter) throws InterruptedException {
      failed++;
      if (failed >= backoff.maxAttempts()) {
        return false;
      }
      Duration jitter = Duration.ofMillis(random.nextLong(backoff.ceiling(failed).toMillis() + 1));
      Duration delay = retryAfter.filter(d -> d.compareTo(jitter) > 0).orElse(jitter);
      Duration elapsed = Duration.between(started, clock.instant());
      if (elapsed.plus(delay).compareTo(backoff.totalTime()) > 0) {
        return false;
      }
      sleeper.sleep(delay);
      return true;
    }

    /** Failed attempts so far. */
    public int failed() {
      return failed;
    }

    /** Time since the first attempt. */
    public Duration elapsed() {
      return Duration.between(started, clock.instant());
    }
  }
}
