package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;

/** curl's IMAP client: imap:// with --ssl-reqd (STARTTLS) and imaps://, listing, fetching, examining. */
class CurlInteropTest {

    private static final String MESSAGE = "From: a@example.org\r\nSubject: curl test\r\n\r\nfetched by curl\r\n";

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, false, Duration.ofMillis(100));
        fixture.deliver("alice@example.org", MESSAGE);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void curlListsMailboxesOverStarttls() throws Exception {
        String out = curl("--ssl-reqd", "imap://127.0.0.1:" + fixture.server.port() + "/");
        assertThat(out).contains("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "\"Sent\"");
    }

    @Test
    void curlFetchesAMessageByteForByteOverStarttls() throws Exception {
        String out = curl("--ssl-reqd", "imap://127.0.0.1:" + fixture.server.port() + "/INBOX;UID=1");
        assertThat(out).isEqualTo("Return-Path: <sender@remote.test>\r\nDelivered-To: alice@example.org\r\n" + MESSAGE);
    }

    @Test
    void curlExaminesAndFetchesOverImplicitTls() throws Exception {
        String base = "imaps://127.0.0.1:" + fixture.server.tlsPort();
        assertThat(curl(base + "/INBOX", "-X", "EXAMINE INBOX")).contains("* 1 EXISTS", "[PERMANENTFLAGS ()]");
        assertThat(curl(base + "/INBOX;UID=1;SECTION=TEXT")).isEqualTo("fetched by curl\r\n");
        assertThat(curl(base + "/INBOX?SUBJECT%20curl")).contains("* SEARCH 1");
    }

    private String curl(String... args) throws Exception {
        Path trace = dir.resolve("curl-trace-" + System.nanoTime() + ".txt");
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-S", "--insecure", "--max-time", "20",
                "--trace-ascii", trace.toString(), "-u", "alice@example.org:" + ImapFixture.PASSWORD));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            String t = java.nio.file.Files.exists(trace) ? java.nio.file.Files.readString(trace) : "(no trace)";
            throw new AssertionError("curl exit status " + p.exitValue() + ", output " + out + "\ntrace:\n"
                    + t.substring(Math.max(0, t.length() - 4000)));
        }
        return out;
    }
}
