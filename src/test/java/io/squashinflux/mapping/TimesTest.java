package io.squashinflux.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void squashAndVerifyTimesReadFastGiveTheSameNanosAsIso() {
    for (String text : new String[] {"2019-03-29T18:44:45Z", "2000-02-29T00:00:00Z",
        "1970-01-01T00:00:00Z", "2261-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
        "2018-07-30T18:25:52.410342+00:00", "2018-07-30T18:25:52.4+02:30",
        "1969-12-31T23:59:59.999999999-05:00", "2018-07-30T18:25:52.123456789Z"}) {
      OffsetDateTime expected = OffsetDateTime.parse(text);
      long nanos = expected.toEpochSecond() * 1_000_000_000L + expected.getNano();
      assertThat(Times.fastNanos(text)).as(text).isEqualTo(nanos);
      assertThat(Times.nanos(text)).as(text).isEqualTo(nanos);
    }
  }

  @Test
  void otherFormsAndImpossibleDatesGoThroughTheFullParser() {
    assertThat(Times.nanos("2019-03-29 18:44:45")).isEqualTo(1_553_885_085_000_000_000L);
    assertThat(Times.nanos("2018-07-30t18:25:52+0000")).isEqualTo(1_532_975_152_000_000_000L);
    for (String text : new String[] {"2019-02-29T00:00:00Z", "2019-03-29T24:00:00Z",
        "9999-03-29T18:44:45Z", "2019-0a-29T18:44:45Z", "2019-03-29T18:44:45.Z",
        "2019-03-29T18:44:45+0000", "2019-03-29T18:44:45.1234567891Z"}) {
      assertThat(Times.fastNanos(text)).as(text).isEqualTo(Long.MIN_VALUE);
    }
    assertThat(Times.nanos("9999-03-29T18:44:45Z")).isNull();
    assertThat(Times.nanos("2019-0a-29T18:44:45Z")).isNull();
  }
}
