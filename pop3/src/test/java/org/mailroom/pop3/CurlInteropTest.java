package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curl's POP3: {@code pop3://} with {@code --ssl-reqd} (STLS) and {@code pop3s://}, self-signed so {@code --insecure}. */
class CurlInteropTest {

    static final String M1 = "From: a@remote.test\r\nSubject: one\r\n\r\nline one\r\n.dot line\r\n";
    static final String M2 = "From: b@remote.test\r\nSubject: two\r\n\r\nsecond\r\n";

    @TempDir
    Path dir;
    Pop3Fixture f;
    byte[] stored1;
    byte[] stored2;

    @BeforeAll
    static void curl() {
        assumeTrue(ExternalClient.available("curl"), "curl is not installed");
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

    private ExternalClient.Result curl(String url, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--insecure",
                "--max-time", "30", "--user", Pop3Fixture.ALICE + ":" + Pop3Fixture.PASSWORD));
        cmd.addAll(List.of(options));
        cmd.add(url);
        ExternalClient.Result r = ExternalClient.run(cmd);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    private String plain(String path) {
        return "pop3://127.0.0.1:" + f.server.port() + path;
    }

    private String tls(String path) {
        return "pop3s://127.0.0.1:" + f.server.tlsPort() + path;
    }

    @Test
    void listOverStlsWithSslReqd() throws Exception {
        assertThat(curl(plain("/"), "--ssl-reqd").text())
                .isEqualTo("1 " + stored1.length + "\r\n2 " + stored2.length + "\r\n");
    }

    @Test
    void retrOverStlsGivesTheStoredBytes() throws Exception {
        assertThat(curl(plain("/1"), "--ssl-reqd").stdout()).isEqualTo(stored1);
    }

    @Test
    void listAndRetrOverPop3s() throws Exception {
        assertThat(curl(tls("/")).text()).isEqualTo("1 " + stored1.length + "\r\n2 " + stored2.length + "\r\n");
        assertThat(curl(tls("/2")).stdout()).isEqualTo(stored2);
    }

    @Test
    void uidlAndTopAsCustomCommands() throws Exception {
        assertThat(curl(tls("/"), "--request", "UIDL").text()).matches("1 \\d+\\.1\r\n2 \\d+\\.2\r\n");
        assertThat(curl(tls("/"), "--request", "TOP 1 0").text())
                .isEqualTo("Return-Path: <sender@remote.test>\r\nDelivered-To: alice@example.org\r\n"
                        + "From: a@remote.test\r\nSubject: one\r\n\r\n");
    }

    @Test
    void deleAsACustomCommandIsAppliedAtQuit() throws Exception {
        curl(plain("/1"), "--ssl-reqd", "--request", "DELE", "--head");
        assertThat(f.inbox(f.alice)).hasSize(1);
        assertThat(f.inbox(f.alice).get(0)).isEqualTo(stored2);
    }

    @Test
    void eachSaslMechanismCurlKnows() throws Exception {
        assertThat(curl(tls("/1"), "--login-options", "AUTH=PLAIN").stdout()).isEqualTo(stored1);
        assertThat(curl(tls("/1"), "--login-options", "AUTH=LOGIN").stdout()).isEqualTo(stored1);
        assertThat(curl(plain("/2"), "--ssl-reqd", "--login-options", "AUTH=LOGIN", "--sasl-ir").stdout())
                .isEqualTo(stored2);
    }

    @Test
    void withoutTlsCurlCannotSendThePassword() throws Exception {
        List<String> cmd = List.of("curl", "--silent", "--max-time", "30",
                "--user", Pop3Fixture.ALICE + ":" + Pop3Fixture.PASSWORD, plain("/"));
        ExternalClient.Result r = ExternalClient.run(cmd);
        // curl tries USER over the plain connection and the server refuses it: a login failure (67)
        assertThat(r.exitCode()).isNotZero();
        assertThat(f.inbox(f.alice)).hasSize(2);
    }
}
