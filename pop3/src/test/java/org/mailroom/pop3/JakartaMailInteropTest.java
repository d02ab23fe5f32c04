package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jakarta Mail's (Angus) POP3 store: {@code pop3} with STLS required, and {@code pop3s}. */
class JakartaMailInteropTest {

    static final String M1 = "From: a@remote.test\r\nSubject: one\r\n\r\nline one\r\n.dot line\r\n";
    static final String M2 = "From: b@remote.test\r\nSubject: two\r\n\r\nsecond\r\n";
    /** Jakarta Mail logs in with AUTH whenever CAPA offers SASL (it never falls back to USER/PASS then). */
    static final Map<String, String> PLAIN = Map.of("auth.mechanisms", "PLAIN");
    static final Map<String, String> LOGIN = Map.of("auth.mechanisms", "LOGIN");

    @TempDir
    Path dir;
    Pop3Fixture f;
    byte[] stored1;
    byte[] stored2;

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

    private Store connect(String protocol, Map<String, String> extra) throws Exception {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        // trusts exactly the server's self-signed certificate; it names "localhost", not 127.0.0.1
        p.put(prefix + "ssl.socketFactory", TestTls.clientContext().getSocketFactory());
        p.setProperty(prefix + "ssl.checkserveridentity", "false");
        p.setProperty(prefix + "connectiontimeout", "10000");
        p.setProperty(prefix + "timeout", "10000");
        if (protocol.equals("pop3")) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        extra.forEach((k, v) -> p.setProperty(prefix + k, v));
        Store store = Session.getInstance(p).getStore(protocol);
        int port = protocol.equals("pop3") ? f.server.port() : f.server.tlsPort();
        store.connect("127.0.0.1", port, Pop3Fixture.ALICE, Pop3Fixture.PASSWORD);
        return store;
    }

    @Test
    void pop3WithStlsAndAuthPlainListsFetchesAndDeletesAtQuit() throws Exception {
        readAndDelete(connect("pop3", PLAIN));
    }

    @Test
    void pop3sWithAuthLoginListsFetchesAndDeletesAtQuit() throws Exception {
        readAndDelete(connect("pop3s", LOGIN));
    }

    private void readAndDelete(Store store) throws Exception {
        try (store) {
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message first = inbox.getMessage(1);
            assertThat(first.getSubject()).isEqualTo("one");
            // Jakarta's getSize() is the body's; the LIST sizes are what RETR sends
            assertThat(inbox.getSizes()).containsExactly(stored1.length, stored2.length);
            assertThat(inbox.getUID(first)).matches("\\d+\\.1");
            assertThat(bytes(first)).isEqualTo(stored1);
            assertThat(bytes(inbox.getMessage(2))).isEqualTo(stored2);
            first.setFlag(Flags.Flag.DELETED, true);
            assertThat(f.inbox(f.alice)).as("nothing is deleted before QUIT").hasSize(2);
            inbox.close(true);
        }
        assertThat(f.inbox(f.alice)).containsExactly(stored2);
    }

    @Test
    void closingWithoutExpungeKeepsEverything() throws Exception {
        try (Store store = connect("pop3s", Map.of())) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            inbox.close(false);
        }
        assertThat(f.inbox(f.alice)).hasSize(2);
    }

    static byte[] bytes(Message m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
