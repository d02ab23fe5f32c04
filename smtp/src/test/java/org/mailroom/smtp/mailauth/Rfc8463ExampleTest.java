package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;
import org.mailroom.smtp.mailauth.dkim.SigningKey;

/**
 * RFC 8463 Appendix A: its message, its keys (A.1, A.2) and its two signatures (A.3). Both algorithms
 * are deterministic, so signing the same canonical data with the same key must give the published
 * bytes exactly; and both published signatures must verify against the published key records.
 */
class Rfc8463ExampleTest {

    static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    static final String ED25519_PUBLIC = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    static final String RSA_PKCS1 = String.join("",
            "MIICXQIBAAKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi",
            "Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqM",
            "KrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB",
            "AoGAH0cxOhFZDgzXWhDhnAJDw5s4roOXN4OhjiXa8W7Y3rhX3FJqmJSPuC8N9vQm",
            "6SVbaLAE4SG5mLMueHlh4KXffEpuLEiNp9Ss3O4YfLiQpbRqE7Tm5SxKjvvQoZZe",
            "zHorimOaChRL2it47iuWxzxSiRMv4c+j70GiWdxXnxe4UoECQQDzJB/0U58W7RZy",
            "6enGVj2kWF732CoWFZWzi1FicudrBFoy63QwcowpoCazKtvZGMNlPWnC7x/6o8Gc",
            "uSe0ga2xAkEA8C7PipPm1/1fTRQvj1o/dDmZp243044ZNyxjg+/OPN0oWCbXIGxy",
            "WvmZbXriOWoSALJTjExEgraHEgnXssuk7QJBALl5ICsYMu6hMxO73gnfNayNgPxd",
            "WFV6Z7ULnKyV7HSVYF0hgYOHjeYe9gaMtiJYoo0zGN+L3AAtNP9huqkWlzECQE1a",
            "licIeVlo1e+qJ6Mgqr0Q7Aa7falZ448ccbSFYEPD6oFxiOl9Y9se9iYHZKKfIcst",
            "o7DUw1/hz2Ck4N5JrgUCQQCyKveNvjzkkd8HjYs0SwM0fPjK16//5qDZ2UiDGnOe",
            "uEzxBDAr518Z8VFbR41in3W4Y3yCDgQlLlcETrS+zYcL");
    static final String RSA_PUBLIC = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5b"
            + "dOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLz"
            + "BfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    static final String ED25519_SIGNATURE = """
            DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r
             d=football.example.com; i=@football.example.com;\r
             q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r
             subject : date : message-id : from : subject : date;\r
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r
             b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r
             Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r
            """;
    static final String RSA_SIGNATURE = """
            DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r
             d=football.example.com; i=@football.example.com;\r
             q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r
             date : message-id : from : subject : date;\r
             bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r
             b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r
             DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r
             dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r
            """;
    static final String MESSAGE = """
            From: Joe SixPack <joe@football.example.com>\r
            To: Suzie Q <suzie@shopping.example.net>\r
            Subject: Is dinner ready?\r
            Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r
            Message-ID: <20030712040037.46341.5F8J@football.example.com>\r
            \r
            Hi.\r
            \r
            We lost the game.  Are you hungry yet?\r
            \r
            Joe.\r
            """;

    static final Clock SIGNING_TIME = Clock.fixed(Instant.ofEpochSecond(1528637909), ZoneOffset.UTC);

    AuthDnsStub dns;

    @BeforeEach
    void publishKeys() throws Exception {
        dns = new AuthDnsStub()
                .txt("brisbane._domainkey.football.example.com", "v=DKIM1; k=ed25519; p=" + ED25519_PUBLIC)
                .txt("test._domainkey.football.example.com", "v=DKIM1; k=rsa; p=" + RSA_PUBLIC);
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void bothPublishedSignaturesVerify() throws Exception {
        List<DkimResult> results = verifier().verify(stream(ED25519_SIGNATURE + RSA_SIGNATURE + MESSAGE));
        assertThat(results).extracting(DkimResult::result, DkimResult::algorithm, DkimResult::selector).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DkimResult.Result.PASS, "ed25519-sha256", "brisbane"),
                org.assertj.core.groups.Tuple.tuple(DkimResult.Result.PASS, "rsa-sha256", "test"));
    }

    @Test
    void ed25519SignatureIsReproducedExactlyFromTheSeed() throws Exception {
        String b = signatureOf(ED25519_SIGNATURE, DkimAlgorithm.ED25519_SHA256,
                DkimKeys.ed25519FromSeed(Base64.getDecoder().decode(ED25519_SEED)));
        assertThat(b).isEqualTo("/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==");
    }

    @Test
    void rsaSignatureIsReproducedExactly() throws Exception {
        String b = signatureOf(RSA_SIGNATURE, DkimAlgorithm.RSA_SHA256, rsaPrivateKey());
        assertThat(b).isEqualTo("F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1t"
                + "FOeS9mPYQTnGdaSGsgeefOsk2JzdA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=");
    }

    @Test
    void theExampleMessageAlteredAfterSigningFails() throws Exception {
        String altered = (ED25519_SIGNATURE + RSA_SIGNATURE + MESSAGE).replace("We lost", "We won");
        assertThat(verifier().verify(stream(altered))).extracting(DkimResult::result)
                .containsOnly(DkimResult.Result.FAIL);
        String newSubject = (ED25519_SIGNATURE + RSA_SIGNATURE + MESSAGE).replace("dinner ready", "lunch ready");
        assertThat(verifier().verify(stream(newSubject))).extracting(DkimResult::reason)
                .containsOnly("signature did not verify");
    }

    @Test
    void ourSignerWithTheRfcKeysProducesSignaturesThatVerify() throws Exception {
        List<SigningKey> keys = List.of(
                new SigningKey("football.example.com", "brisbane", DkimAlgorithm.ED25519_SHA256,
                        DkimKeys.ed25519FromSeed(Base64.getDecoder().decode(ED25519_SEED))),
                new SigningKey("football.example.com", "test", DkimAlgorithm.RSA_SHA256, rsaPrivateKey()));
        DkimSigner signer = new DkimSigner(domain -> keys, SIGNING_TIME);
        String signatures = signer.sign("football.example.com", stream(MESSAGE));
        assertThat(signatures).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;");
        assertThat(signatures.split("\r\n")).allMatch(line -> line.length() <= 78);
        assertThat(verifier().verify(stream(signatures + MESSAGE))).extracting(DkimResult::result)
                .containsExactly(DkimResult.Result.PASS, DkimResult.Result.PASS);
    }

    /** Computes b= for a published signature field by the RFC 6376 §3.7 algorithm, written out here. */
    private static String signatureOf(String field, DkimAlgorithm algorithm, PrivateKey key) throws Exception {
        // h=from:to:subject:date:message-id:from:subject:date — the second from/subject/date find no
        // further instance and contribute nothing (RFC 6376 §5.4.2).
        String headers = "from:Joe SixPack <joe@football.example.com>\r\n"
                + "to:Suzie Q <suzie@shopping.example.net>\r\n"
                + "subject:Is dinner ready?\r\n"
                + "date:Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
                + "message-id:<20030712040037.46341.5F8J@football.example.com>\r\n";
        String unfolded = field.replace("\r\n", "").strip();
        String self = "dkim-signature:" + unfolded.substring(unfolded.indexOf(':') + 1).replaceAll("[ \t]+", " ").strip();
        self = self.substring(0, self.indexOf(" b=") + 3);
        byte[] data = (headers + self).getBytes(StandardCharsets.US_ASCII);
        java.security.Signature s = java.security.Signature.getInstance(
                algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
        s.initSign(key);
        s.update(algorithm == DkimAlgorithm.RSA_SHA256 ? data
                : java.security.MessageDigest.getInstance("SHA-256").digest(data));
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** RFC 8463 A.2 gives the RSA key in PKCS#1; Java reads PKCS#8, which wraps it (RFC 5208 §5). */
    static PrivateKey rsaPrivateKey() throws Exception {
        byte[] pkcs1 = Base64.getDecoder().decode(RSA_PKCS1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(hex("300d06092a864886f70d0101010500"));
        body.writeBytes(der(0x04, pkcs1));
        byte[] pkcs8 = der(0x30, body.toByteArray());
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    DkimVerifier verifier() {
        return new DkimVerifier(dns.lookup(), Clock.systemUTC(), false);
    }

    static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
