package io.squashinflux.testing;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A SQuaSH-compatible API over generated jobs for one test class, started before its first test
 * and stopped after its last:
 * {@code @RegisterExtension static final SquashApi api = SquashApi.perClass(11, 12);}.
 */
public final class SquashApi implements BeforeAllCallback, AfterAllCallback {
  private final long seed;
  private final int jobs;
  private SquashApiServer server;

  private SquashApi(long seed, int jobs) {
    this.seed = seed;
    this.jobs = jobs;
  }

  /** Jobs 1..{@code jobs} of the generator with this seed. */
  public static SquashApi perClass(long seed, int jobs) {
    return new SquashApi(seed, jobs);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = SquashApiServer.start(JobGenerator.withSeed(seed, jobs), 0);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  /** The base URL, without a trailing slash. */
  public URI url() {
    return server.url();
  }
}
