package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.smtp.mailauth.Rfc8463ExampleTest.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.mailauth.dkim.BodyCanonicalizer;
import org.mailroom.smtp.mailauth.dkim.Canonicalization;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimResult.Result;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;
import org.mailroom.smtp.mailauth.dkim.HeaderField;
import org.mailroom.smtp.mailauth.dkim.SigningKey;

/**
 * Verification against keys published by a DNS stub: messages signed by an independent signer written
 * here from RFC 6376 §3.4 and §3.7 with Java's Signature API (simple and relaxed), messages signed by
 * {@link DkimSigner}, and every refusal the RFCs ask for.
 */
class DkimVerifierTest {

    static KeyPair rsa;
    static KeyPair ed;
    static KeyPair weak;
    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    static final String MESSAGE = "From: Alice <alice@sender.example>\r\n"
            + "To: bob@receiver.example\r\n"
            + "Subject:  Lunch \t today?\r\n"
            + "Date: Fri, 04 Dec 2026 11:00:00 +0000\r\n"
            + "Message-ID: <1@sender.example>\r\n"
            + "\r\n"
            + "Hello  Bob, \r\n"
            + "\r\n"
            + "See you at noon.\r\n"
            + "\r\n"
            + "\r\n";

    AuthDnsStub dns;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        rsa = g.generateKeyPair();
        g.initialize(512);
        weak = g.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @BeforeEach
    void publish() throws Exception {
        dns = new AuthDnsStub()
                .txt("rsa._domainkey.sender.example", "v=DKIM1; k=rsa; p=" + DkimKeys.recordValue(rsa.getPublic()))
                .txt("ed._domainkey.sender.example", "v=DKIM1; k=ed25519; p=" + DkimKeys.recordValue(ed.getPublic()))
                .txt("weak._domainkey.sender.example", "v=DKIM1; p=" + DkimKeys.recordValue(weak.getPublic()))
                .txt("revoked._domainkey.sender.example", "v=DKIM1; k=rsa; p=")
                .txt("testing._domainkey.sender.example", "v=DKIM1; t=y; p=" + DkimKeys.recordValue(rsa.getPublic()))
                .txt("strict._domainkey.sender.example", "v=DKIM1; t=s; p=" + DkimKeys.recordValue(rsa.getPublic()))
                .txt("sha1only._domainkey.sender.example", "v=DKIM1; h=sha1; p=" + DkimKeys.recordValue(rsa.getPublic()))
                .servfail("down._domainkey.sender.example");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    List<DkimResult> verify(String message) throws IOException {
        return new DkimVerifier(dns.lookup(), NOW, false).verify(stream(message));
    }

    Result only(String message) throws IOException {
        List<DkimResult> r = verify(message);
        assertThat(r).hasSize(1);
        return r.get(0).result();
    }

    // ---- an independent signer: RFC 6376 §3.4 canonicalisation and §3.7 hashing, written out here ----

    /** Signs the (CRLF) message with these tags; canon is "simple/simple" or "relaxed/relaxed". */
    static String independentlySigned(String message, String tags, String canon, String selector, String algorithm,
                                       java.security.PrivateKey key) throws Exception {
        int split = message.indexOf("\r\n\r\n");
        String headerPart = message.substring(0, split + 2);
        String body = message.substring(split + 4);
        boolean relaxed = canon.startsWith("relaxed");
        String canonBody;
        if (relaxed) {
            StringBuilder sb = new StringBuilder();
            for (String line : body.split("\r\n", -1)) {
                sb.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
            }
            canonBody = sb.toString().replaceAll("(\r\n)+$", "");
            canonBody = canonBody.isEmpty() ? "" : canonBody + "\r\n";
        } else {
            canonBody = body.replaceAll("(\r\n)+$", "") + "\r\n";
        }
        String bh = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(canonBody.getBytes(StandardCharsets.ISO_8859_1)));
        String field = "DKIM-Signature: v=1; a=" + algorithm + "; c=" + canon + "; d=sender.example; s=" + selector
                + "; h=from:to:subject; " + tags + "bh=" + bh + "; b=";
        StringBuilder data = new StringBuilder();
        for (String name : new String[] {"From", "To", "Subject"}) {
            String line = headerPart.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow();
            data.append(relaxed ? name.toLowerCase() + ":" + line.substring(name.length() + 1).replaceAll("[ \t]+", " ").strip()
                    : line).append("\r\n");
        }
        data.append(relaxed ? "dkim-signature:" + field.substring(field.indexOf(':') + 1).strip() : field);
        byte[] bytes = data.toString().getBytes(StandardCharsets.ISO_8859_1);
        Signature s = Signature.getInstance(algorithm.equals("ed25519-sha256") ? "Ed25519"
                : algorithm.equals("rsa-sha1") ? "SHA1withRSA" : "SHA256withRSA");
        s.initSign(key);
        s.update(algorithm.equals("ed25519-sha256") ? MessageDigest.getInstance("SHA-256").digest(bytes) : bytes);
        return field + Base64.getEncoder().encodeToString(s.sign()) + "\r\n" + message;
    }

    static String signed(String selector, String tags) throws Exception {
        return independentlySigned(MESSAGE, tags, "relaxed/relaxed", selector, "rsa-sha256", rsa.getPrivate());
    }

    @Test
    void independentlySignedMessagesVerifyWithBothCanonicalisations() throws Exception {
        assertThat(only(independentlySigned(MESSAGE, "", "simple/simple", "rsa", "rsa-sha256", rsa.getPrivate())))
                .isEqualTo(Result.PASS);
        assertThat(only(independentlySigned(MESSAGE, "", "relaxed/relaxed", "rsa", "rsa-sha256", rsa.getPrivate())))
                .isEqualTo(Result.PASS);
        assertThat(only(independentlySigned(MESSAGE, "", "relaxed/relaxed", "ed", "ed25519-sha256", ed.getPrivate())))
                .isEqualTo(Result.PASS);
    }

    @Test
    void simpleCanonicalisationBreaksOnRefoldingButRelaxedDoesNot() throws Exception {
        String simple = independentlySigned(MESSAGE, "", "simple/simple", "rsa", "rsa-sha256", rsa.getPrivate());
        String relaxed = signed("rsa", "");
        assertThat(only(simple.replace("Subject:  Lunch \t today?", "Subject: Lunch today?"))).isEqualTo(Result.FAIL);
        assertThat(only(relaxed.replace("Subject:  Lunch \t today?", "Subject: Lunch\r\n  today?   ")))
                .isEqualTo(Result.PASS);
        assertThat(only(relaxed.replace("Hello  Bob, \r\n", "Hello Bob,\r\n"))).isEqualTo(Result.PASS);
        assertThat(only(simple.replace("Hello  Bob, \r\n", "Hello Bob,\r\n"))).isEqualTo(Result.FAIL);
    }

    @Test
    void messagesSignedByOurSignerVerifyAndAlteredOnesFail() throws Exception {
        List<SigningKey> keys = List.of(
                new SigningKey("sender.example", "rsa", DkimAlgorithm.RSA_SHA256, rsa.getPrivate()),
                new SigningKey("sender.example", "ed", DkimAlgorithm.ED25519_SHA256, ed.getPrivate()));
        String sigs = new DkimSigner(d -> keys, NOW).sign("sender.example", stream(MESSAGE));
        String signed = sigs + MESSAGE;
        assertThat(verify(signed)).extracting(DkimResult::result).containsExactly(Result.PASS, Result.PASS);
        assertThat(sigs.replaceAll("\\s", "")).contains("h=from:from:reply-to:subject:subject:date:date:to:to:cc:message-id:message-id:");
        // a second From above the first: oversigning catches it
        assertThat(verify("From: Mallory <m@evil.example>\r\n" + signed)).extracting(DkimResult::result)
                .containsOnly(Result.FAIL);
        assertThat(verify(signed.replace("See you at noon.", "Wire the money."))).extracting(DkimResult::reason)
                .containsOnly("body hash did not verify");
        assertThat(verify("Received: from relay\r\n" + signed)).extracting(DkimResult::result)
                .containsOnly(Result.PASS);
        assertThat(verify(signed + "P.S.\r\n")).extracting(DkimResult::result).containsOnly(Result.FAIL);
    }

    @Test
    void bodyLengthLimitedSignatures() throws Exception {
        // the canonical body "Hello Bob,\r\n\r\nSee you at noon.\r\n" is 32 octets (relaxed)
        String whole = signed("rsa", "l=32; ");
        assertThat(only(whole)).isEqualTo(Result.PASS);
        assertThat(only(whole + "Appended by anyone.\r\n")).isEqualTo(Result.POLICY);
        DkimVerifier lenient = new DkimVerifier(dns.lookup(), NOW, true);
        assertThat(lenient.verify(stream(whole + "Appended by anyone.\r\n"))).extracting(DkimResult::result)
                .containsOnly(Result.PASS);
        assertThat(only(signed("rsa", "l=999; "))).isEqualTo(Result.FAIL);
    }

    @Test
    void expiredSignaturesFail() throws Exception {
        assertThat(only(signed("rsa", "t=1700000000; x=1700000600; "))).isEqualTo(Result.FAIL);
        assertThat(verify(signed("rsa", "t=1700000000; x=1700000600; ")).get(0).reason()).isEqualTo("signature expired");
        assertThat(only(signed("rsa", "t=1700000000; x=1900000000; "))).isEqualTo(Result.PASS);
    }

    @Test
    void rsaSha1AndShortKeysFail() throws Exception {
        assertThat(only(independentlySigned(MESSAGE, "", "relaxed/relaxed", "rsa", "rsa-sha1", rsa.getPrivate())))
                .isEqualTo(Result.FAIL);
        List<DkimResult> r = verify(independentlySigned(MESSAGE, "", "relaxed/relaxed", "weak", "rsa-sha256",
                weak.getPrivate()));
        assertThat(r.get(0).result()).isEqualTo(Result.FAIL);
        assertThat(r.get(0).reason()).contains("1024");
    }

    @Test
    void keyRecordProblems() throws Exception {
        assertThat(only(signed("revoked", ""))).isEqualTo(Result.PERMERROR);
        assertThat(only(signed("missing", ""))).isEqualTo(Result.PERMERROR);
        assertThat(only(signed("down", ""))).isEqualTo(Result.TEMPERROR);
        assertThat(only(signed("sha1only", ""))).isEqualTo(Result.PERMERROR);
        assertThat(only(signed("testing", ""))).isEqualTo(Result.PASS);
        assertThat(verify(signed("testing", "")).get(0).reason()).contains("t=y");
        assertThat(only(signed("strict", "i=@sub.sender.example; "))).isEqualTo(Result.PERMERROR);
        assertThat(only(signed("strict", "i=joe@sender.example; "))).isEqualTo(Result.PASS);
        // an ed25519 signature pointing at an RSA key
        assertThat(only(independentlySigned(MESSAGE, "", "relaxed/relaxed", "rsa", "ed25519-sha256", ed.getPrivate())))
                .isEqualTo(Result.PERMERROR);
    }

    @Test
    void malformedSignaturesArePermerrorsAndDoNotStopTheOthers() throws Exception {
        String good = signed("rsa", "");
        String bad = "DKIM-Signature: v=1; a=rsa-sha256; d=sender.example; s=rsa; h=to; bh=AA==; b=AA==\r\n"
                + "DKIM-Signature: v=1; a=rsa-sha256; d=other.example; i=@sender.example; s=x; h=from; bh=AA==; b=AA==\r\n"
                + "DKIM-Signature: garbage\r\n";
        assertThat(verify(bad + good)).extracting(DkimResult::result)
                .containsExactly(Result.PERMERROR, Result.PERMERROR, Result.PERMERROR, Result.PASS);
    }

    @Test
    void anUnsignedMessageHasNoResults() throws Exception {
        assertThat(verify(MESSAGE)).isEmpty();
    }

    @Test
    void aLargeBodyIsHashedAsAStream() throws Exception {
        long size = 16L * 1024 * 1024; // far more than any buffer here; the heap never holds it
        byte[] line = "0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        BodyCanonicalizer c = new BodyCanonicalizer(Canonicalization.RELAXED, MessageDigest.getInstance("SHA-256"), Long.MAX_VALUE);
        try (InputStream body = new RepeatingStream(line, size)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = body.read(buf)) != -1) {
                c.update(buf, 0, n);
            }
        }
        String bh = Base64.getEncoder().encodeToString(c.finish());
        String header = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=rsa; h=from;"
                + " bh=" + bh + "; b=";
        String from = "From: alice@sender.example\r\n";
        byte[] data = ("from:alice@sender.example\r\ndkim-signature:" + header.substring(16)).getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(rsa.getPrivate());
        s.update(data);
        String top = header + Base64.getEncoder().encodeToString(s.sign()) + "\r\n" + from + "\r\n";
        InputStream message = new SequenceInputStream(stream(top), new RepeatingStream(line, size));
        List<DkimResult> r = new DkimVerifier(dns.lookup(), NOW, false).verify(message);
        assertThat(r).extracting(DkimResult::result).containsExactly(Result.PASS);
    }

    @Test
    void headerFieldNamesAreMatchedCaseInsensitively() {
        assertThat(new HeaderField("SUBJECT : x").lowerName()).isEqualTo("subject");
    }

    /** A stream of one line repeated, without ever holding more than the line. */
    static final class RepeatingStream extends InputStream {
        private final byte[] line;
        private final long size;
        private long position;

        RepeatingStream(byte[] line, long size) {
            this.line = line;
            this.size = size - size % line.length;
        }

        @Override
        public int read() {
            return position < size ? line[(int) (position++ % line.length)] : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = line[(int) (position++ % line.length)];
            }
            return n;
        }
    }
}
