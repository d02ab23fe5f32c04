package org.mailroom.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** i;unicode-casemap (RFC 5051): titlecase, NFKD, then code point (UTF-8 octet) order. */
class CollationTest {

    @Test
    void caseAndCompatibilityFormsCompareEqual() {
        assertThat(Collation.key("report")).isEqualTo(Collation.key("REPORT"));
        assertThat(Collation.key("Été")).isEqualTo(Collation.key("e\u0301te\u0301".toUpperCase()));
        assertThat(Collation.key("ǆ")).isEqualTo(Collation.key("ǅ"));     // titlecase, not uppercase
    }

    @Test
    void ordersByCodePointNotUtf16Unit() {
        List<String> keys = new ArrayList<>(List.of(Collation.key("\uFF21"), Collation.key("\uD83D\uDE00"),
                Collation.key("b"), Collation.key("")));
        keys.sort(Collation.ORDER);
        // NFKD turns the fullwidth A into A; the emoji (U+1F600) sorts after U+FFxx in UTF-8
        assertThat(keys).containsExactly("", "A", "B", "\uD83D\uDE00");
    }
}
