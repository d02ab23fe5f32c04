package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.store.DkimKey;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/**
 * {@code dkim generate|list|show|remove} against a real Derby store, opened by each command as the
 * CLI opens it (the shared test store wrapper predates DKIM keys).
 */
class DkimCommandsTest {

    @TempDir
    Path install;

    AdminRunner admin;

    @BeforeEach
    void prepare() {
        try (DerbyStore store = TestStores.open(install.resolve("data"))) {
            store.admin().addDomain("example.org");
        }
        AdminRunner.writeConfig(install, "hostname = mail.example.org", "data.dir = data");
        admin = new AdminRunner(install, core -> open(), TestHashing.FAST);
    }

    DerbyStore open() {
        return DerbyStore.openEmbedded(install.resolve("data/db"), DerbyCredential.load(install.resolve("data/derby.credential")));
    }

    List<DkimKey> keys() {
        try (DerbyStore store = open()) {
            return store.dkimKeys().list(Optional.empty());
        }
    }

    Result run(String line) {
        return admin.run(AdminRunner.args(line));
    }

    String ok(String line) {
        Result r = run(line);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).isEmpty();
        return r.out();
    }

    static String recordValue(String out) {
        StringBuilder sb = new StringBuilder();
        for (String line : out.lines().toList()) {
            if (line.startsWith("  \"")) {
                sb.append(line, 3, line.length() - 1);
            }
        }
        return sb.toString();
    }

    @Test
    void generateCreatesAn2048BitRsaKeyAndPrintsItsRecord() throws Exception {
        String out = ok("dkim generate example.org");
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("created rsa-sha256 key rsa-20261204 for example.org; publish this TXT record:");
        assertThat(lines.get(1)).isEqualTo("rsa-20261204._domainkey.example.org. IN TXT (");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(")");
        assertThat(lines.subList(2, lines.size() - 1)).allMatch(l -> l.length() <= 255 + 4);
        String value = recordValue(out);
        assertThat(value).startsWith("v=DKIM1; k=rsa; p=");
        byte[] p = Base64.getDecoder().decode(value.substring("v=DKIM1; k=rsa; p=".length()));
        RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p));
        assertThat(pub.getModulus().bitLength()).isEqualTo(2048);

        DkimKey stored = keys().get(0);
        assertThat(stored.algorithm()).isEqualTo("rsa-sha256");
        // the stored private key signs what the published public key verifies
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored.privateKey()))));
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(new byte[] {1, 2, 3});
        assertThat(s.verify(sig)).isTrue();
        assertThat(out).doesNotContain(stored.privateKey().substring(0, 40));
    }

    @Test
    void generateEd25519WithASelector() {
        String out = ok("dkim generate example.org --selector mail2026 --algorithm ed25519");
        assertThat(out).startsWith("created ed25519-sha256 key mail2026 for example.org; publish this TXT record:\n"
                + "mail2026._domainkey.example.org. IN TXT (\n  \"v=DKIM1; k=ed25519; p=");
        assertThat(Base64.getDecoder().decode(recordValue(out).substring("v=DKIM1; k=ed25519; p=".length()))).hasSize(32);
    }

    @Test
    void listShowAndRemove() {
        ok("dkim generate example.org --selector a1 --algorithm ed25519");
        ok("dkim generate example.org --selector b2 --algorithm ed25519");
        assertThat(ok("dkim list")).isEqualTo("""
                DOMAIN       SELECTOR  ALGORITHM       CREATED
                example.org  a1        ed25519-sha256  2026-12-04 12:00:00 UTC
                example.org  b2        ed25519-sha256  2026-12-04 12:00:00 UTC
                """);
        assertThat(ok("dkim list other.example")).isEmpty();
        String show = ok("dkim show example.org b2");
        assertThat(show).startsWith("""
                domain:     example.org
                selector:   b2
                algorithm:  ed25519-sha256
                created:    2026-12-04 12:00:00 UTC
                record:
                b2._domainkey.example.org. IN TXT (
                """);
        assertThat(ok("dkim remove example.org a1"))
                .isEqualTo("removed DKIM key a1 of example.org (its DNS record can be removed in a few days)\n");
        assertThat(keys()).extracting(DkimKey::selector).containsExactly("b2");
    }

    @Test
    void refusals() {
        assertFails(run("dkim generate unknown.example"),
                "domain unknown.example does not exist (add it with: mailroom-admin domain add unknown.example)");
        ok("dkim generate example.org --selector s1 --algorithm ed25519");
        assertFails(run("dkim generate example.org --selector s1 --algorithm ed25519"),
                "domain example.org already has a DKIM key with selector s1 (choose another with --selector)");
        assertFails(run("dkim generate example.org --selector bad;x=1"),
                "'bad;x=1' is not a selector (letters, digits and hyphens, e.g. mail2026)");
        assertFails(run("dkim show example.org nope"), "domain example.org has no DKIM key with selector nope");
        assertFails(run("dkim remove example.org nope"), "domain example.org has no DKIM key with selector nope");
        Result usage = run("dkim generate example.org --algorithm dsa");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).startsWith("mailroom-admin: --algorithm: expected one of [RSA, ED25519] (case-insensitive) but was 'dsa'");
        assertThat(keys()).hasSize(1);
    }

    static void assertFails(Result r, String line) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).isEmpty();
        assertThat(r.err()).as(r.toString()).isEqualTo("mailroom-admin: " + line + "\n");
    }
}
