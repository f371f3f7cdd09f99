package io.squashinflux.influx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --influx-api auto}: the API read from the {@code GET /ping} headers. */
class ApiDetectionTest {

  @Test
  void influxdb1IsV1() {
    assertThat(ApiDetection.fromPing("1.6.7~rc0", null).version()).isEqualTo(ApiVersion.V1);
    assertThat(ApiDetection.fromPing("1.8.10", "OSS").version()).isEqualTo(ApiVersion.V1);
  }

  @Test
  void influxdb2IsV2WithOrWithoutItsLeadingV() {
    assertThat(ApiDetection.fromPing("v2.7.10", "OSS").version()).isEqualTo(ApiVersion.V2);
    assertThat(ApiDetection.fromPing("2.7.1", null).version()).isEqualTo(ApiVersion.V2);
    assertThat(ApiDetection.fromPing(null, "Cloud").version()).isEqualTo(ApiVersion.V2);
  }

  @Test
  void influxdb3IsV3() {
    assertThat(ApiDetection.fromPing("3.0.1", "Core").version()).isEqualTo(ApiVersion.V3);
    assertThat(ApiDetection.fromPing("3.2.0", "Enterprise").version()).isEqualTo(ApiVersion.V3);
  }

  @Test
  void aServerWithoutTheHeaderGetsV1AndTheReasonSaysSo() {
    ApiDetection none = ApiDetection.fromPing(null, null);
    assertThat(none.version()).isEqualTo(ApiVersion.V1);
    assertThat(none.because()).contains("X-Influxdb-Version absent");
  }
}
