package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class InfluxOptionsTest {

  /** Only the InfluxDB options, parsed as sync parses them. */
  static final class Holder {
    @Mixin InfluxOptions influx;
  }

  @ParameterizedTest(name = "{0} {1} -> gzip {2}")
  @CsvSource({
      // auto: compressing a request to this machine only costs CPU on both ends
      "http://localhost:8086, '', false",
      "http://127.0.0.1:8086, '', false",
      "http://127.0.1.1:8086, '', false",
      "'http://[::1]:8086', '', false",
      "http://influx.example.org:8086, '', true",
      "http://10.0.0.5:8086, '', true",
      "https://user:pw@influx.example.org, '', true",
      // the user decides
      "http://localhost:8086, --gzip=always, true",
      "http://influx.example.org:8086, --gzip=never, false",
      "http://influx.example.org:8086, --no-gzip, false",
  })
  void writeRequestsAreCompressedUnlessInfluxIsOnThisMachine(String url, String option,
      boolean gzip) {
    Holder holder = new Holder();
    String[] args = option.isEmpty()
        ? new String[] {"--influx-url", url}
        : new String[] {"--influx-url", url, option};
    new CommandLine(holder).parseArgs(args);

    assertThat(holder.influx.target(io.squashinflux.net.HttpSettings.defaults()).gzip()).isEqualTo(gzip);
  }
}
