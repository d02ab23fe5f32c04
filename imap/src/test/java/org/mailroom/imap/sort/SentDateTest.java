package org.mailroom.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sent date of RFC 5256 §2.2 from RFC 5322 §3.3 dates, obsolete forms (§4.3) and broken ones. */
class SentDateTest {

    private static final Instant INTERNAL = Instant.parse("2030-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Mon, 1 Jan 2024 10:00:00 +0000|2024-01-01T10:00:00Z",
        "Mon, 01 Jan 2024 09:00:00 -0300|2024-01-01T12:00:00Z",
        "1 Jan 2024 5:07 +0130|2024-01-01T03:37:00Z",
        "Thu, 12 Sep 2024 12:00:00 +0900 (JST)|2024-09-12T03:00:00Z",
        "Tue, 2 Jan 24 08:00:00 EST|2024-01-02T13:00:00Z",
        "Tue, 2 Jan 99 08:00:00 GMT|1999-01-02T08:00:00Z",
        "yesterday|2030-01-01T00:00:00Z",
        "|2030-01-01T00:00:00Z",
    })
    void readsTheDateOrFallsBackToTheInternalDate(String header, String expected) {
        assertThat(SentDate.of(header, INTERNAL)).isEqualTo(Instant.parse(expected));
    }
}
