package org.mailroom.admin.command;

import java.util.List;
import java.util.Optional;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.DkimKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dkim list [DOMAIN]}: the keys, newest first per domain; never the private key. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the DKIM keys of one domain or of all.")
public final class DkimListCommand extends AdminCommand {

    @Parameters(paramLabel = "DOMAIN", arity = "0..1", converter = Arguments.DomainName.class,
            description = "only this domain's keys")
    private String domain;

    public DkimListCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        List<DkimKey> keys = admin.store().dkimKeys().list(Optional.ofNullable(domain));
        if (keys.isEmpty()) {
            return;
        }
        int d = Math.max("DOMAIN".length(), keys.stream().mapToInt(k -> k.domain().length()).max().orElse(0));
        int s = Math.max("SELECTOR".length(), keys.stream().mapToInt(k -> k.selector().length()).max().orElse(0));
        String format = "%-" + d + "s  %-" + s + "s  %-14s  %s%n";
        out().printf(format, "DOMAIN", "SELECTOR", "ALGORITHM", "CREATED");
        for (DkimKey k : keys) {
            out().printf(format, k.domain(), k.selector(), k.algorithm(), DkimCommands.TIME.format(k.created()));
        }
    }
}
