package org.mailroom.admin.command;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.DkimKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dkim} group: signing keys per domain and selector (RFC 6376 §3.1), and the TXT records to
 * publish for them (§3.6.1, RFC 8463 §4 for ed25519).
 */
@Command(name = "dkim", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Manages the DKIM keys that sign the mail of local domains, and prints their DNS records.")
public final class DkimCommands {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private DkimCommands() {
    }

    /** The group with its subcommands, registered in {@code AdminCommands} with one line. */
    public static CommandLine group(MailroomAdmin admin) {
        CommandLine line = new CommandLine(new DkimCommands());
        line.addSubcommand(new DkimGenerateCommand(admin));
        line.addSubcommand(new DkimListCommand(admin));
        line.addSubcommand(new DkimShowCommand(admin));
        line.addSubcommand(new DkimRemoveCommand(admin));
        return line;
    }

    /**
     * The record in zone-file form: {@code selector._domainkey.domain. IN TXT ( "..." "..." )}, the
     * value split into strings of at most 255 octets (RFC 1035 §3.3.14; RFC 6376 §3.6.2.2 joins them).
     */
    static List<String> txtRecord(DkimKey key) {
        String keyType = key.algorithm().startsWith("ed25519") ? "ed25519" : "rsa";
        String value = "v=DKIM1; k=" + keyType + "; p=" + key.publicKey();
        List<String> lines = new ArrayList<>();
        lines.add(key.selector() + "._domainkey." + key.domain() + ". IN TXT (");
        for (int i = 0; i < value.length(); i += 255) {
            lines.add("  \"" + value.substring(i, Math.min(value.length(), i + 255)) + "\"");
        }
        lines.add(")");
        return lines;
    }

    /** The record's value on one line, as zone-file character-strings: {@code "v=DKIM1; k=rsa; p=..." "..."}. */
    static String txtValue(DkimKey key) {
        List<String> lines = txtRecord(key);
        return String.join(" ", lines.subList(1, lines.size() - 1).stream().map(String::strip).toList());
    }

    static AdminFailure noKey(String domain, String selector) {
        return new AdminFailure("domain " + domain + " has no DKIM key with selector " + selector);
    }
}
