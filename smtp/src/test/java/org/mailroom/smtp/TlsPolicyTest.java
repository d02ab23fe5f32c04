package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.derby.TestStores;

/**
 * The TLS policy of {@code TlsMaterial} (TLS 1.2 and 1.3 only, no weak cipher suites; DESIGN.md,
 * "Security by default") holds on the implicit-TLS listener and after STARTTLS, although the SMTP server
 * is handed nothing but an {@code SSLContext}.
 *
 * <p>The JDK's own {@code java.security} already disables TLS 1.1 and 3DES, which would hide a server
 * that forgot the policy. So the server runs in a JVM of its own whose {@code jdk.tls.disabledAlgorithms}
 * is empty, and the client is a hand-made ClientHello (RFC 5246 §7.4.1.2), which no client-side policy
 * can filter: whatever is refused here, the server refused. A strong hello on the same connection kind
 * is answered with a ServerHello, so the refusals are not the probe's own fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsPolicyTest {

    private static final int TLS_1_1 = 0x0302;
    private static final int TLS_1_2 = 0x0303;
    private static final int ECDHE_ECDSA_AES_128_GCM_SHA256 = 0xC02B;
    private static final int ECDHE_ECDSA_AES_128_CBC_SHA = 0xC009;
    private static final int ECDHE_ECDSA_3DES_EDE_CBC_SHA = 0xC008;
    private static final int RSA_3DES_EDE_CBC_SHA = 0x000A;
    private static final int ECDHE_ECDSA_NULL_SHA = 0xC006;
    private static final int ECDH_ANON_AES_128_CBC_SHA = 0xC018;
    private static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;

    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    private static final int SERVER_HELLO = 2;
    private static final int HANDSHAKE_FAILURE = 40;
    private static final int PROTOCOL_VERSION = 70;

    private Process child;
    private int mxPort;
    private int smtpsPort;

    @BeforeAll
    void startServerInAPermissiveJvm(@TempDir Path dir) throws Exception {
        TestStores.open(dir).close();
        Path permissive = dir.resolve("permissive.security");
        Files.writeString(permissive, "jdk.tls.disabledAlgorithms=\n");
        mxPort = SmtpTestServer.freePort();
        smtpsPort = SmtpTestServer.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.security.properties=" + permissive, "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
                SmtpServerProcess.class.getName(), dir.toString(), Integer.toString(mxPort),
                TestSecurity.certificateFile().toString(), Integer.toString(smtpsPort))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY")) {
            // the child's log lines
        }
        assertThat(line).as("the server process started").isNotNull();
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe flowing
                }
            } catch (IOException e) {
                // the child ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void implicitTlsAnswersAStrongTls12Hello() throws IOException {
        assertThat(answer(smtps(), hello(TLS_1_2, ECDHE_ECDSA_AES_128_GCM_SHA256))).isEqualTo("ServerHello");
    }

    @Test
    void implicitTlsRefusesATls11Client() throws IOException {
        assertThat(answer(smtps(), hello(TLS_1_1, ECDHE_ECDSA_AES_128_CBC_SHA)))
                .isIn("alert " + PROTOCOL_VERSION, REFUSED_WITHOUT_ALERT);
    }

    @Test
    void implicitTlsRefusesAClientOfferingOnlyWeakSuites() throws IOException {
        assertThat(answer(smtps(), weakHello())).isIn("alert " + HANDSHAKE_FAILURE, REFUSED_WITHOUT_ALERT);
    }

    @Test
    void starttlsOnTheMxAnswersAStrongTls12Hello() throws IOException {
        assertThat(answer(afterStarttls(), hello(TLS_1_2, ECDHE_ECDSA_AES_128_GCM_SHA256))).isEqualTo("ServerHello");
    }

    @Test
    void starttlsOnTheMxRefusesATls11Client() throws IOException {
        assertThat(answer(afterStarttls(), hello(TLS_1_1, ECDHE_ECDSA_AES_128_CBC_SHA)))
                .isIn("alert " + PROTOCOL_VERSION, REFUSED_WITHOUT_ALERT);
    }

    @Test
    void starttlsOnTheMxRefusesAClientOfferingOnlyWeakSuites() throws IOException {
        assertThat(answer(afterStarttls(), weakHello()))
                .isIn("alert " + HANDSHAKE_FAILURE, REFUSED_WITHOUT_ALERT);
    }

    /** 3DES, NULL and anonymous suites: what TlsMaterial leaves out and this JVM would otherwise allow. */
    private static byte[] weakHello() {
        return hello(TLS_1_2, ECDHE_ECDSA_3DES_EDE_CBC_SHA, RSA_3DES_EDE_CBC_SHA, ECDHE_ECDSA_NULL_SHA,
                ECDH_ANON_AES_128_CBC_SHA);
    }

    private Socket smtps() throws IOException {
        Socket s = new Socket("127.0.0.1", smtpsPort);
        s.setSoTimeout(20_000);
        return s;
    }

    private Socket afterStarttls() throws IOException {
        Socket s = new Socket("127.0.0.1", mxPort);
        s.setSoTimeout(20_000);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        assertThat(line(in)).startsWith("220 ");
        out.write("EHLO probe.example\r\n".getBytes(StandardCharsets.US_ASCII));
        String l;
        while ((l = line(in)).startsWith("250-")) {
            // the extensions
        }
        assertThat(l).startsWith("250 ");
        out.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(line(in)).isEqualTo("220 2.0.0 Ready to start TLS");
        return s;
    }

    /**
     * A refusal may reach the client as the connection closing before the alert: the server's TLS filter
     * closes the session as the alert is written, and under load the close can win. Either way no
     * ServerHello came, which is what the policy is about; the strong hellos show a ServerHello does come.
     */
    private static final String REFUSED_WITHOUT_ALERT = "closed";

    /** Sends the hello and says what came back: "ServerHello", "alert N", or what else. */
    private static String answer(Socket s, byte[] hello) throws IOException {
        try (s) {
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[5];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return "closed";
            }
            byte[] fragment = new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)];
            in.readFully(fragment);
            if (header[0] == HANDSHAKE && fragment[0] == SERVER_HELLO) {
                return "ServerHello";
            }
            if (header[0] == ALERT && fragment.length == 2 && fragment[0] == 2) {
                return "alert " + (fragment[1] & 0xff);
            }
            return "record type " + header[0] + " starting " + (fragment.length > 0 ? fragment[0] : -1);
        }
    }

    /**
     * A ClientHello (RFC 5246 §7.4.1.2) for this version with these suites, and the extensions an
     * ECDSA P-256 server needs: supported_groups, ec_point_formats (RFC 8422 §5.1), signature_algorithms.
     */
    private static byte[] hello(int version, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0);
        u16(body, 2 * (suites.length + 1));
        for (int suite : suites) {
            u16(body, suite);
        }
        u16(body, EMPTY_RENEGOTIATION_INFO_SCSV);
        body.write(1);
        body.write(0);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x000a);
        u16(ext, 4);
        u16(ext, 2);
        u16(ext, 0x0017);
        u16(ext, 0x000b);
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        u16(ext, 0x000d);
        u16(ext, 4);
        u16(ext, 2);
        u16(ext, 0x0403);
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        u16(record, 0x0301);
        u16(record, body.size() + 4);
        record.write(1);
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
