package io.squashinflux.source;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A consumer that keeps what a source delivered, checking each key ends exactly once. */
final class Collected implements JobSource.Consumer {
  final Map<String, Job> jobs = new ConcurrentHashMap<>();
  final Map<String, String> failed = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public void job(Job job) {
    calls.incrementAndGet();
    String key = job.origin() == Job.Origin.API ? String.valueOf(job.id()) : job.ref();
    if (jobs.put(key, job) != null) {
      throw new AssertionError("delivered twice: " + key);
    }
  }

  @Override
  public void failed(String key, String reason) {
    calls.incrementAndGet();
    if (failed.put(key, reason) != null) {
      throw new AssertionError("failed twice: " + key);
    }
  }
}
