package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.smtp.mailauth.Rfc8463ExampleTest.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;
import org.mailroom.smtp.mailauth.dkim.SigningKey;

/**
 * DKIM with an implementation nobody here wrote: dkimpy (Debian's python3-dkim, which .ci/run
 * installs), driven through src/test/resources/mailauth/dkim/dkimpy_interop.py. Messages Mailroom
 * signs (rsa-sha256 2048 bits and ed25519-sha256) verify in dkimpy; messages dkimpy signs verify in
 * Mailroom; a message altered after signing fails in both.
 */
class DkimpyInteropTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    /** Folded and padded header fields and trailing white space, so that canonicalisation matters. */
    static final String MESSAGE = "From: Alice Example <alice@sender.example>\r\n"
            + "To: bob@receiver.example,\r\n"
            + "\tcarol@receiver.example\r\n"
            + "Subject:  Lunch \t today?\r\n"
            + "Date: Fri, 04 Dec 2026 11:00:00 +0000\r\n"
            + "Message-ID: <interop-1@sender.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Hello  Bob, \r\n"
            + "\r\n"
            + "See you at noon.\t\r\n"
            + "\r\n"
            + "\r\n";

    static KeyPair rsa;
    static KeyPair ed;
    static String python;

    @TempDir
    Path dir;

    AuthDnsStub dns;

    @BeforeAll
    static void keysAndPython() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        python = pythonWithDkimpy();
    }

    /** Debian's python3 has python3-dkim; a python3 earlier on the PATH (pyenv, venv) may not. */
    static String pythonWithDkimpy() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import dkim").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        throw new AssertionError("no python3 with dkimpy: install Debian's python3-dkim (.ci/run does)");
    }

    @BeforeEach
    void publish() throws IOException {
        dns = new AuthDnsStub()
                .txt("rsa._domainkey.sender.example", rsaRecord())
                .txt("ed._domainkey.sender.example", edRecord());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    static String rsaRecord() {
        return "v=DKIM1; k=rsa; p=" + DkimKeys.recordValue(rsa.getPublic());
    }

    static String edRecord() {
        return "v=DKIM1; k=ed25519; p=" + DkimKeys.recordValue(ed.getPublic());
    }

    // ---- Mailroom signs, dkimpy verifies ----

    @Test
    void messagesSignedByMailroomVerifyInDkimpy() throws Exception {
        String signed = mailroomSigned(MESSAGE);
        assertThat(unfolded(signed)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=rsa;")
                .contains("\r\nDKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=sender.example; s=ed;");
        Run r = dkimpyVerify(signed);
        assertThat(r.output()).as(r.toString()).isEqualTo("pass\npass\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aMailroomSignedMessageAlteredAfterSigningFailsInDkimpy() throws Exception {
        String signed = mailroomSigned(MESSAGE);
        Run body = dkimpyVerify(signed.replace("See you at noon.", "See you at one."));
        assertThat(body.exit()).as(body.toString()).isEqualTo(1);
        assertThat(body.output()).startsWith("fail (body hash mismatch");
        Run subject = dkimpyVerify(signed.replace("Lunch \t today?", "Dinner today?"));
        assertThat(subject.exit()).as(subject.toString()).isEqualTo(1);
        assertThat(subject.output()).doesNotContain("pass");
        // a second From added after signing: From is oversigned, so dkimpy sees the signature broken
        Run from = dkimpyVerify(signed.replace("From: Alice", "From: Mallory <ceo@sender.example>\r\nFrom: Alice"));
        assertThat(from.exit()).as(from.toString()).isEqualTo(1);
    }

    // ---- dkimpy signs, Mailroom verifies ----

    @Test
    void rsaSignaturesMadeByDkimpyVerifyInMailroom() throws Exception {
        String signed = dkimpySigned("rsa", pem(rsa), "rsa", MESSAGE);
        assertThat(unfolded(signed)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example;");
        assertThat(mailroomVerify(signed)).containsExactly(DkimResult.Result.PASS);
    }

    @Test
    void simpleCanonicalisationByDkimpyVerifiesInMailroom() throws Exception {
        String signed = dkimpy(MESSAGE, "sign", "rsa", keyFile("rsa", pem(rsa)), "rsa", "sender.example", "simple").output();
        assertThat(unfolded(signed)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=simple/simple; d=sender.example;");
        assertThat(mailroomVerify(signed)).containsExactly(DkimResult.Result.PASS);
        // simple keeps white space significant: what relaxed would forgive now breaks the signature
        assertThat(mailroomVerify(signed.replace("Subject:  Lunch", "Subject: Lunch"))).containsExactly(DkimResult.Result.FAIL);
    }

    @Test
    void ed25519SignaturesMadeByDkimpyVerifyInMailroom() throws Exception {
        String signed = dkimpySigned("ed25519", edSeed(), "ed", MESSAGE);
        assertThat(unfolded(signed)).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=sender.example;");
        assertThat(mailroomVerify(signed)).containsExactly(DkimResult.Result.PASS);
    }

    @Test
    void aDkimpySignedMessageAlteredAfterSigningFailsInMailroom() throws Exception {
        String rsaSigned = dkimpySigned("rsa", pem(rsa), "rsa", MESSAGE);
        assertThat(mailroomVerify(rsaSigned.replace("See you at noon.", "See you at one.")))
                .containsExactly(DkimResult.Result.FAIL);
        assertThat(mailroomVerify(rsaSigned.replace("Lunch \t today?", "Dinner today?")))
                .containsExactly(DkimResult.Result.FAIL);
        String edSigned = dkimpySigned("ed25519", edSeed(), "ed", MESSAGE);
        assertThat(mailroomVerify(edSigned.replace("Hello  Bob", "Hello  Eve")))
                .containsExactly(DkimResult.Result.FAIL);
    }

    // ---- helpers ----

    /** The text with folded header lines joined (RFC 5322 §2.2.3), for assertions on the fields' start. */
    static String unfolded(String message) {
        return message.replaceAll("[ \t]*\r\n[ \t]+", " ");
    }

    String mailroomSigned(String message) throws IOException {
        DkimSigner signer = new DkimSigner(domain -> List.of(
                new SigningKey("sender.example", "rsa", DkimAlgorithm.RSA_SHA256, rsa.getPrivate()),
                new SigningKey("sender.example", "ed", DkimAlgorithm.ED25519_SHA256, ed.getPrivate())), NOW);
        return signer.sign("sender.example", stream(message)) + message;
    }

    List<DkimResult.Result> mailroomVerify(String message) throws IOException {
        return new DkimVerifier(dns.lookup(), NOW, false).verify(stream(message)).stream()
                .map(DkimResult::result).toList();
    }

    Run dkimpyVerify(String message) throws Exception {
        Path records = dir.resolve("records.txt");
        Files.writeString(records, "rsa._domainkey.sender.example\t" + rsaRecord() + "\n"
                + "ed._domainkey.sender.example\t" + edRecord() + "\n", StandardCharsets.US_ASCII);
        return dkimpy(message, "verify", records.toString());
    }

    String keyFile(String selector, String key) throws IOException {
        Path keyFile = dir.resolve(selector + ".key");
        Files.writeString(keyFile, key, StandardCharsets.US_ASCII);
        return keyFile.toString();
    }

    String dkimpySigned(String algorithm, String key, String selector, String message) throws Exception {
        Run r = dkimpy(message, "sign", algorithm, keyFile(selector, key), selector, "sender.example");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).endsWith(message);
        return r.output();
    }

    /** PKCS#8 PEM, which dkimpy reads as well as PKCS#1. */
    static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** dkimpy's ed25519 key: the 32-octet seed in base64, the end of Java's PKCS#8 encoding. */
    static String edSeed() {
        byte[] pkcs8 = ed.getPrivate().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
    }

    record Run(int exit, String output) {
    }

    Run dkimpy(String stdin, String... args) throws Exception {
        Path script = dir.resolve("dkimpy_interop.py");
        if (!Files.exists(script)) {
            try (InputStream in = getClass().getResourceAsStream("/mailauth/dkim/dkimpy_interop.py")) {
                Files.copy(in, script);
            }
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.ISO_8859_1));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("dkimpy finished").isTrue();
        return new Run(p.exitValue(), out);
    }
}
