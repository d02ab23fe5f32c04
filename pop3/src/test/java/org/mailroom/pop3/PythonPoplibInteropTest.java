package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's poplib, with STLS on the plain port and with POP3_SSL on the TLS port. */
class PythonPoplibInteropTest {

    static final String M1 = "From: a@remote.test\r\nSubject: one\r\n\r\nline one\r\n.dot line\r\nline three\r\n";
    static final String M2 = "From: b@remote.test\r\nSubject: two\r\n\r\nsecond\r\n";

    @TempDir
    Path dir;
    Pop3Fixture f;
    byte[] stored1;
    byte[] stored2;

    @BeforeAll
    static void python() {
        assumeTrue(ExternalClient.available("python3"), "python3 is not installed");
    }

    @BeforeEach
    void setUp() {
        f = Pop3Fixture.start(dir);
        stored1 = f.deliver(Pop3Fixture.ALICE, M1);
        stored2 = f.deliver(Pop3Fixture.ALICE, M2);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private String run(String mode, int port, String... login) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3",
                ExternalClient.resource("interop/poplib_client.py").toString(), "127.0.0.1", String.valueOf(port), mode,
                Pop3Fixture.ALICE, Pop3Fixture.PASSWORD, "1"));
        cmd.addAll(List.of(login));
        ExternalClient.Result r = ExternalClient.run(cmd);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.text();
    }

    private static List<String> array(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \\[([^\\]]*)\\]").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\d+)").matcher(m.group(1)).results()
                .map(x -> x.group(1) != null ? x.group(1) : x.group(2)).toList();
    }

    private static String string(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return m.group(1);
    }

    @Test
    void stlsUserPassListUidlTopRetrDeleQuit() throws Exception {
        String json = run("stls", f.server.port());
        assertThat(array(json, "capa_before_tls")).contains("STLS").doesNotContain("USER", "SASL");
        assertThat(array(json, "capa")).contains("USER", "SASL", "TOP", "UIDL", "PIPELINING").doesNotContain("STLS");
        checkSession(json);
    }

    @Test
    void pop3SslUserPassListUidlTopRetrDeleQuit() throws Exception {
        String json = run("ssl", f.server.tlsPort());
        checkSession(json);
    }

    @Test
    void pop3SslWithAuthPlain() throws Exception {
        checkSession(run("ssl", f.server.tlsPort(), "plain"));
    }

    private void checkSession(String json) {
        assertThat(string(json, "pass")).startsWith("+OK Logged in; 2 messages");
        assertThat(array(json, "stat")).containsExactly("2", String.valueOf(stored1.length + stored2.length));
        assertThat(array(json, "list")).containsExactly("1 " + stored1.length, "2 " + stored2.length);
        assertThat(array(json, "uidl")).hasSize(2).allMatch(s -> s.matches("\\d \\d+\\.\\d+"));
        assertThat(array(json, "top")).containsExactly("Return-Path: <sender@remote.test>",
                "Delivered-To: alice@example.org", "From: a@remote.test", "Subject: one", "", "line one");
        List<String> retr = array(json, "retr");
        assertThat(Base64.getDecoder().decode(retr.get(0))).isEqualTo(stored1);
        assertThat(Base64.getDecoder().decode(retr.get(1))).isEqualTo(stored2);
        assertThat(string(json, "dele")).isEqualTo("+OK Message 1 deleted");
        assertThat(array(json, "stat_after_dele")).containsExactly("1", String.valueOf(stored2.length));
        assertThat(string(json, "quit")).isEqualTo("+OK Bye; 1 message deleted");
        assertThat(f.inbox(f.alice)).hasSize(1);
        assertThat(f.inbox(f.alice).get(0)).isEqualTo(stored2);
    }
}
