package io.squashinflux.ledger;

import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A job's own text cannot drive the terminal the summary is printed on. */
class SummaryControlCharactersTest {

  @Test
  void controlCharactersFromAJobAreShownNotObeyed() {
    Ledger ledger = new Ledger(RejectsLog.none());
    ledger.listed(1);
    ledger.dropped("job 1", "title\u001b]0;owned\u0007", "nested list");
    ledger.failed("job\n2", "cannot read:\r\nfake line\u009b31m");

    String text = ledger.summary().render();

    assertThat(text).doesNotContain("\u001b", "\u0007", "\r", "\u009b")
        .contains("title\\x1b]0;owned\\x07", "job\\n2", "cannot read:\\r\\nfake line\\x9b31m");
    assertThat(text.lines()).noneMatch(line -> line.startsWith("fake line"));
  }
}
