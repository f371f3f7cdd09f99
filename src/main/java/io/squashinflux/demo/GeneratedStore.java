package io.squashinflux.demo;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/** Jobs 1..count of a {@link JobGenerator}, generated when asked for; the count can grow. */
final class GeneratedStore implements JobStore {
  private final JobGenerator generator;
  private final AtomicLong count;

  GeneratedStore(JobGenerator generator, long count) {
    this.generator = generator;
    this.count = new AtomicLong(count);
  }

  long count() {
    return count.get();
  }

  void add(int more) {
    if (more < 0) {
      throw new IllegalArgumentException("cannot add a negative number of jobs: " + more);
    }
    count.addAndGet(more);
  }

  @Override
  public long[] ids() {
    return LongStream.rangeClosed(1, count.get()).toArray();
  }

  @Override
  public Optional<byte[]> job(long id) {
    if (id < 1 || id > count.get()) {
      return Optional.empty();
    }
    return Optional.of(generator.bytes(id, JobFormat.API));
  }

  @Override
  public OptionalLong firstJobOfRun(String ciId) {
    long run = generator.runOf(ciId);
    if (run < 0 || generator.firstJobOf(run) > count.get()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(generator.firstJobOf(run));
  }

  @Override
  public Optional<String> previousRun(String ciId) {
    long run = generator.runOf(ciId);
    if (run < 1) {
      return Optional.empty();
    }
    return Optional.of(generator.ciId(generator.firstJobOf(run - 1)));
  }
}
