package io.squashinflux.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Runs the waits between attempts. Time, sleeping and randomness are injected, so tests advance a
 * fake clock instead of waiting.
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
    return new Retrier(backoff, Clock.systemUTC(), Sleeper.SYSTEM, new java.util.Random());
  }

  public Backoff backoff() {
    return backoff;
  }

  public Clock clock() {
    return clock;
  }

  /** One attempt at a request: what came back, as {@link Policy} reads it. */
  @FunctionalInterface
  public interface Attempt<T, E extends Exception> {
    Tried<T> once() throws E, InterruptedException;
  }

  /**
   * What one attempt got: the answer, the value when the answer was read, and the server's wish
   * for a delay ({@code Retry-After}).
   */
  public record Tried<T>(Answer answer, T value, Optional<Duration> retryAfter) {
    public Tried {
      retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }
  }

  /**
   * How a request ended: the policy's last decision ({@link Action#RETRY} when the attempts or
   * the time ran out), the answer it decided on, the value, and the attempts that failed.
   */
  public record Ended<T>(Decision decision, Answer answer, T value, int failed) {
    public boolean gaveUp() {
      return decision.action() == Action.RETRY;
    }
  }

  /**
   * Attempts {@code attempt} until {@code policy} says anything but retry for {@code side}, or
   * the attempts or total time run out: the one retry loop every network call goes through.
   */
  public <T, E extends Exception> Ended<T> call(Policy policy, Side side, Attempt<T, E> attempt)
      throws E, InterruptedException {
    return call(answer -> policy.decide(side, answer), attempt);
  }

  /**
   * As {@link #call(Policy, Side, Attempt)}, for a request whose answer the caller reads through
   * the policy on its own: one whose records are decided one by one (a batch of Kafka records, a
   * REST proxy's {@code offsets}), retried while some of them are to be sent again.
   */
  public <T, E extends Exception> Ended<T> call(Function<Answer, Decision> decide,
      Attempt<T, E> attempt) throws E, InterruptedException {
    Attempts attempts = start();
    while (true) {
      Tried<T> tried = attempt.once();
      Decision decision = decide.apply(tried.answer());
      if (decision.action() != Action.RETRY || !attempts.waitBeforeNext(tried.retryAfter())) {
        return new Ended<>(decision, tried.answer(), tried.value(), attempts.failed());
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
