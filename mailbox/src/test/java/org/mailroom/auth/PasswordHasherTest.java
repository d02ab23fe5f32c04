package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horsf".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void theHashIsASelfDescribingPhcStringWithAFreshSaltEachTime() {
        String a = hasher.hash("a long secret phrase".toCharArray());
        String b = hasher.hash("a long secret phrase".toCharArray());
        assertThat(a).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(a).isNotEqualTo(b).doesNotContain("secret");
        assertThat(PasswordHasher.isWellFormed(a)).isTrue();
    }

    @Test
    void aHashVerifiesWithTheParametersItCarriesNotTheHashersOwn() {
        String cheap = hasher.hash("pw".toCharArray());
        PasswordHasher other = new PasswordHasher(new PasswordHasher.Parameters(128, 2, 2));
        assertThat(other.verify("pw".toCharArray(), cheap)).isTrue();
    }

    /**
     * The output of the reference implementation's CLI (phc-winner-argon2):
     * {@code echo -n password | argon2 somesalt -id -t 2 -m 16 -p 4 -l 32 -e}.
     */
    @Test
    void aHashFromTheReferenceImplementationVerifies() {
        String reference = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo";
        assertThat(hasher.verify("password".toCharArray(), reference)).isTrue();
        assertThat(hasher.verify("passwore".toCharArray(), reference)).isFalse();
    }

    @Test
    void nonAsciiPasswordsHashTheirUtf8Bytes() {
        String hash = hasher.hash("pässwörd€".toCharArray());
        assertThat(hasher.verify("pässwörd€".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("passwORd".toCharArray(), hash)).isFalse();
    }

    @Test
    void formsItDoesNotWriteNeverVerify() {
        String good = hasher.hash("pw".toCharArray());
        for (String foreign : new String[] {
            null, "", "pw", "{PLAIN}pw", "$2y$10$abcdefghijklmnopqrstuu5Jq2CvkW4QE5r0dYb2w6dHfPjJ5LyO2",
            good.replace("argon2id", "argon2i"), good.replace("v=19", "v=16"), good.replace("m=64", "m=99999999"),
            good.replace("t=1", "t=0"), good + "$", good.substring(0, good.length() - 1) + "!",
        }) {
            assertThat(hasher.verify("pw".toCharArray(), foreign)).as(String.valueOf(foreign)).isFalse();
            assertThat(PasswordHasher.isWellFormed(foreign)).isFalse();
        }
    }

    @Test
    void parametersOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new PasswordHasher.Parameters(4, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher.Parameters(64, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher.Parameters(64, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The one test that pays the production cost; the time is printed for the report, not asserted. */
    @Test
    void productionParametersHashAndVerify() {
        PasswordHasher production = new PasswordHasher();
        String hash = production.hash("s3cret".toCharArray());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        long start = System.nanoTime();
        assertThat(production.verify("s3cret".toCharArray(), hash)).isTrue();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Argon2id m=19456,t=2,p=1 verify: " + millis + " ms");
    }
}
