package io.squashinflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Proxy choice as curl makes it, from the environment and --proxy. */
class ProxiesTest {

  private static String via(Proxies proxies, String url) {
    return proxies.forUri(URI.create(url)).map(ProxyUrl::toString).orElse("direct");
  }

  @Test
  void eachSchemeHasItsVariableAndLowerCaseWins() {
    Proxies proxies = Proxies.of(Map.of("HTTP_PROXY", "upper:3128", "http_proxy", "lower:3128",
        "HTTPS_PROXY", "https-upper:8080"), null);
    assertThat(via(proxies, "http://squash.example.org/jobs")).isEqualTo("http://lower:3128");
    assertThat(via(proxies, "https://squash.example.org/jobs")).isEqualTo("http://https-upper:8080");
  }

  @Test
  void allProxyCoversASchemeWithoutItsOwnAndTheDefaultPortIs1080() {
    Proxies proxies = Proxies.of(Map.of("ALL_PROXY", "http://all", "http_proxy", ""), null);
    assertThat(via(proxies, "http://a.org/")).isEqualTo("http://all:1080");
    assertThat(via(proxies, "https://a.org/")).isEqualTo("http://all:1080");
  }

  @Test
  void explicitProxyReplacesTheVariablesButNoProxyStillApplies() {
    Map<String, String> env = Map.of("http_proxy", "env:1", "NO_PROXY", "internal.org");
    Proxies proxies = Proxies.of(env, "http://given:3128");
    assertThat(via(proxies, "http://a.org/")).isEqualTo("http://given:3128");
    assertThat(via(proxies, "https://a.org/")).isEqualTo("http://given:3128");
    assertThat(via(proxies, "https://influx.internal.org/")).isEqualTo("direct");
    assertThat(via(Proxies.of(env, ""), "http://a.org/")).as("--proxy \"\"").isEqualTo("direct");
  }

  @ParameterizedTest(name = "no_proxy={0}: {1} {2}")
  @CsvSource({
      "'*', http://anything.org/, direct",
      "'example.org', http://example.org/, direct",
      "'example.org', http://api.example.org/, direct",
      "'.example.org', http://api.example.org/, direct",
      "'example.org', http://notexample.org/, proxied",
      "'a.org, localhost', http://LOCALHOST:8086/, direct",
      "'127.0.0.1', http://127.0.0.1:8086/, direct",
      "'10.0.0.0/8', http://10.2.3.4/, direct",
      "'10.0.0.0/8', http://11.2.3.4/, proxied",
      "'influx.org:8086', http://influx.org:8086/, direct",
      "'influx.org:8086', http://influx.org:9999/, proxied",
      "'[::1]', http://[::1]:8086/, direct",
      "'', http://localhost/, proxied",
  })
  void noProxyMatchesHostsDomainsRangesAndPorts(String noProxy, String url, String expected) {
    Proxies proxies = Proxies.of(Map.of("http_proxy", "p:3128", "no_proxy", noProxy), null);
    assertThat(via(proxies, url).equals("direct") ? "direct" : "proxied").isEqualTo(expected);
  }

  @Test
  void credentialsAreDecodedSentAsBasicAndNeverShown() {
    Proxies proxies = Proxies.of(Map.of("https_proxy", "http://al%40ice:p%2Bw+d@p:3128"), null);
    ProxyUrl proxy = proxies.forUri(URI.create("https://a.org/")).orElseThrow();
    assertThat(proxy.user()).isEqualTo("al@ice");
    assertThat(proxy.password()).isEqualTo("p+w+d");
    assertThat(proxy.authorization()).isEqualTo(Http.basic("al@ice", "p+w+d"));
    assertThat(proxies.toString()).doesNotContain("p+w+d").doesNotContain("p%2Bw").contains("***");
  }

  @Test
  void aProxyTheJdkCannotUseIsRefusedNamingItsVariableWithoutItsPassword() {
    assertThatThrownBy(() -> Proxies.of(Map.of("HTTPS_PROXY", "socks5://u:secret@p:1080"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS_PROXY").hasMessageContaining("socks5")
        .hasMessageNotContaining("secret");
  }

  @Test
  void plusInAUserOrPasswordStaysAPlus() {
    UserInfo info = UserInfo.of(URI.create("http://bob:p%40ss+word@host/"));
    assertThat(info.user()).isEqualTo("bob");
    assertThat(info.password()).isEqualTo("p@ss+word");
    assertThat(UserInfo.decode("%E2%82%AC+%zz")).isEqualTo("€+%zz");
  }
}
