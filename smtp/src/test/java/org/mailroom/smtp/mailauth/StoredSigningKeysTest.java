package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.smtp.mailauth.Rfc8463ExampleTest.stream;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;
import org.mailroom.smtp.mailauth.dkim.SigningKey;
import org.mailroom.smtp.mailauth.dkim.StoredSigningKeys;
import org.mailroom.store.DkimKey;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/** The signer with keys from the real Derby store, verified through keys published by the DNS stub. */
class StoredSigningKeysTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    DerbyStore store;
    AuthDnsStub dns;

    @BeforeEach
    void open() throws Exception {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        dns = new AuthDnsStub();
    }

    @AfterEach
    void close() {
        dns.close();
        store.close();
    }

    void addKey(String selector, String algorithm, KeyPair pair, Instant created) {
        store.dkimKeys().add(new DkimKey("example.org", selector, algorithm,
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), DkimKeys.recordValue(pair.getPublic()),
                created));
        dns.txt(selector + "._domainkey.example.org", "v=DKIM1; k=" + (algorithm.startsWith("rsa") ? "rsa" : "ed25519")
                + "; p=" + DkimKeys.recordValue(pair.getPublic()));
    }

    @Test
    void theNewestKeyOfEachAlgorithmSignsRsaFirst() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024); // the old key never signs: a small one keeps the test fast
        KeyPair old = rsa.generateKeyPair();
        rsa.initialize(2048);
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        addKey("old", "rsa-sha256", old, NOW.instant().minusSeconds(86400));
        addKey("new", "rsa-sha256", rsa.generateKeyPair(), NOW.instant());
        addKey("ed", "ed25519-sha256", ed.generateKeyPair(), NOW.instant());
        StoredSigningKeys keys = new StoredSigningKeys(store.dkimKeys());
        assertThat(keys.keysFor("example.org")).extracting(SigningKey::selector, SigningKey::algorithm)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new", DkimAlgorithm.RSA_SHA256),
                        org.assertj.core.groups.Tuple.tuple("ed", DkimAlgorithm.ED25519_SHA256));
        assertThat(keys.keysFor("other.example")).isEmpty();

        String message = "From: a@example.org\r\nTo: b@remote.example\r\nSubject: s\r\n\r\nbody\r\n";
        String signatures = new DkimSigner(keys, NOW).sign("example.org", stream(message));
        assertThat(new DkimVerifier(dns.lookup(), NOW, false).verify(stream(signatures + message)))
                .extracting(DkimResult::result, DkimResult::selector)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DkimResult.Result.PASS, "new"),
                        org.assertj.core.groups.Tuple.tuple(DkimResult.Result.PASS, "ed"));
        assertThat(new DkimSigner(keys, NOW).sign("other.example", stream(message))).isEmpty();
    }

    @Test
    void anUnreadableKeyIsSkipped() {
        store.dkimKeys().add(new DkimKey("example.org", "broken", "rsa-sha256", "bm90IGEga2V5", "x", NOW.instant()));
        store.dkimKeys().add(new DkimKey("example.org", "alien", "dsa-sha1", "bm90IGEga2V5", "x", NOW.instant()));
        assertThat(new StoredSigningKeys(store.dkimKeys()).keysFor("example.org")).isEmpty();
    }
}
