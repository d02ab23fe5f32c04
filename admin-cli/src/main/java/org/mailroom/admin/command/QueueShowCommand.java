package org.mailroom.admin.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.Format;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code queue show ID}: the entry, its DSN parameters and the message's header (never its body). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one queue entry: sender, recipient, attempts, the last error, and the message's "
                + "header (not its body).")
public final class QueueShowCommand extends AdminCommand {

    /** More header than this is not worth a terminal; a header bomb does not get to fill one. */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Parameters(paramLabel = "ID", converter = Arguments.QueueId.class, description = "the entry's id, as 'queue list' shows it")
    private long id;

    public QueueShowCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        QueueEntry e = admin.store().queue().find(id).orElseThrow(() -> noEntry(id));
        QueuedRecipient r = e.recipient();
        out().println("id:            " + e.id());
        out().println("from:          " + sender(e));
        out().println("to:            " + r.recipient());
        out().println("size:          " + Format.bytes(e.size()));
        out().println("queued:        " + time(e.created()));
        out().println("attempts:      " + e.attempts());
        out().println("next attempt:  " + time(e.nextAttempt()));
        out().println("last error:    " + e.lastError().map(QueueShowCommand::printable).orElse("none"));
        out().println("dsn:           " + dsn(r));
        out().println("header:");
        List<String> header;
        try {
            header = header(admin.store().queue().openContent(id));
        } catch (StoreException x) {
            // delivered or deleted between find and open
            throw failure(x, Map.of(StoreError.NOT_FOUND, noEntry(id).getMessage()));
        }
        header.forEach(line -> out().println("  " + line));
    }

    static AdminFailure noEntry(long id) {
        return new AdminFailure("queue entry " + id + " does not exist");
    }

    static String sender(QueueEntry e) {
        return e.recipient().sender().map(EmailAddress::toString).orElse("<>");
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    private static String dsn(QueuedRecipient r) {
        List<String> parts = new ArrayList<>();
        if (!r.notifyOn().isEmpty()) {
            parts.add("NOTIFY=" + r.notifyOn().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        }
        if (r.returnHeadersOnly()) {
            parts.add("RET=HDRS");
        }
        r.envelopeId().ifPresent(v -> parts.add("ENVID=" + printable(v)));
        r.originalRecipient().ifPresent(v -> parts.add("ORCPT=" + printable(v)));
        return parts.isEmpty() ? "defaults" : String.join(" ", parts);
    }

    /** The header lines up to the blank line (RFC 5322 §2.1), at most {@link #MAX_HEADER_BYTES}. */
    static List<String> header(InputStream content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = content) {
            int previous = -1;
            int b;
            while (bytes.size() < MAX_HEADER_BYTES && (b = in.read()) != -1) {
                if (b == '\n' && (previous == '\n' || bytes.size() == 0)) {
                    break;
                }
                if (b != '\r') {
                    bytes.write(b);
                    previous = b;
                }
            }
        } catch (IOException e) {
            throw new AdminFailure("cannot read the queued message: " + e.getMessage());
        }
        List<String> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(printable(line));
            }
        }
        return lines;
    }

    /** Control characters replaced, so that stored text cannot drive the administrator's terminal. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 && c != '\t' || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
