package io.squashinflux.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
  @Test
  void passwordsTokensAndPasswordParametersNeverPrint() {
    assertThat(Urls.masked("https://alice:s3cret@host:8086/x?db=d&p=pw&u=alice"))
        .isEqualTo("https://alice:***@host:8086/x?db=d&p=***&u=alice");
    assertThat(Urls.masked("https://t0k3n@squash.example/")).isEqualTo("https://***@squash.example/");
    assertThat(Urls.masked("http://localhost:8086")).isEqualTo("http://localhost:8086");
  }
}
