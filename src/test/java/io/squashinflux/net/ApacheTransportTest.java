package io.squashinflux.net;

/** {@link Http}'s contract over Apache HttpClient 5, the project's transport. */
class ApacheTransportTest extends HttpContract {
  @Override
  Transport transport(HttpSettings settings) {
    return new ApacheTransport(settings);
  }
}
