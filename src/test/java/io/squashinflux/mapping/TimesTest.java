package io.squashinflux.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

  @Test
  void squashUploadTimesReadFastGiveTheSameNanosAsIso() {
    for (String text : new String[] {"2019-03-29T18:44:45Z", "2000-02-29T00:00:00Z",
        "1970-01-01T00:00:00Z", "2261-12-31T23:59:59Z", "1969-12-31T23:59:59Z"}) {
      assertThat(Times.utcSeconds(text)).as(text).isEqualTo(Instant.parse(text).getEpochSecond());
      assertThat(Times.nanos(text)).as(text).isEqualTo(Instant.parse(text).getEpochSecond() * 1_000_000_000L);
    }
  }

  @Test
  void otherFormsAndImpossibleDatesGoThroughTheFullParser() {
    assertThat(Times.nanos("2018-07-30T18:25:52.410342+00:00")).isEqualTo(1_532_975_152_410_342_000L);
    assertThat(Times.nanos("2019-03-29 18:44:45")).isEqualTo(1_553_885_085_000_000_000L);
    assertThat(Times.utcSeconds("2019-02-29T00:00:00Z")).isEqualTo(Long.MIN_VALUE);
    assertThat(Times.utcSeconds("2019-03-29T24:00:00Z")).isEqualTo(Long.MIN_VALUE);
    assertThat(Times.nanos("9999-03-29T18:44:45Z")).isNull();
    assertThat(Times.nanos("2019-0a-29T18:44:45Z")).isNull();
  }
}
