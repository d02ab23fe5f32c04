package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ScramVerifierTest {

    @Test
    void textFormRoundTripsAndLooksLikePostgresql() {
        ScramVerifier v = ScramVerifier.fromPassword("pencil".toCharArray());
        String text = v.encode();
        assertThat(text).matches("SCRAM-SHA-256\\$8192:[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}");
        assertThat(ScramVerifier.parse(text)).contains(v);
        assertThat(v.toString()).doesNotContain(Base64.getEncoder().encodeToString(v.storedKey()));
    }

    @Test
    void sameSaltAndCountGiveTheSameKeysAndAnotherPasswordOthers() {
        byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
        ScramVerifier a = ScramVerifier.fromPassword("pencil".toCharArray(), salt, 4096);
        assertThat(ScramVerifier.fromPassword("pencil".toCharArray(), salt, 4096)).isEqualTo(a);
        assertThat(ScramVerifier.fromPassword("pencim".toCharArray(), salt, 4096)).isNotEqualTo(a);
    }

    @Test
    void saslPrepMapsNonAsciiSpacesAndSoftHyphensBeforeHashing() {
        byte[] salt = new byte[] {1, 2, 3, 4};
        // RFC 4013 §3: "I<U+00AD>X" -> "IX", and U+00A0 -> space
        assertThat(ScramVerifier.fromPassword("I\u00ADX\u00A0Y".toCharArray(), salt, 4096))
                .isEqualTo(ScramVerifier.fromPassword("IX Y".toCharArray(), salt, 4096));
    }

    @Test
    void malformedOrTooCheapTextIsNotAVerifier() {
        String good = ScramVerifier.fromPassword("pw".toCharArray()).encode();
        assertThat(ScramVerifier.parse(null)).isEmpty();
        assertThat(ScramVerifier.parse("")).isEmpty();
        assertThat(ScramVerifier.parse(good.replace("8192:", "1000:"))).isEmpty();
        assertThat(ScramVerifier.parse(good.replace("SCRAM-SHA-256", "SCRAM-SHA-1"))).isEmpty();
        assertThat(ScramVerifier.parse(good.substring(0, good.length() - 2))).isEmpty();
    }
}
