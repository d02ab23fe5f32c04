package org.mailroom.admin.command;

import java.util.List;
import org.mailroom.admin.Format;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.QuotaUsage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code user show ADDRESS}: status, quota use, the aliases that reach it, and its mailboxes. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows a user: status, quota use, the aliases that deliver to it, and its mailboxes "
                + "with their message counts and sizes.")
public final class UserShowCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the user's address")
    private EmailAddress address;

    public UserShowCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        Account account = store().account(address).orElseThrow(() -> noUser(address));
        QuotaUsage used = store().usageOf(address);
        List<MailboxInfo> mailboxes = store().mailboxesOf(address);
        List<String> aliases = aliasesTo(account.address());

        out().println("user:      " + account.address());
        out().println("status:    " + (account.enabled() ? "enabled" : "disabled"));
        out().println("storage:   " + Format.storageUse(used, account.quota()));
        out().println("messages:  " + Format.messageUse(used, account.quota()));
        out().println("aliases:   " + (aliases.isEmpty() ? "none" : String.join(", ", aliases)));
        out().println("mailboxes:");
        int width = mailboxes.stream().mapToInt(m -> m.name().toString().length()).max().orElse(0);
        for (MailboxInfo m : mailboxes) {
            out().printf("  %-" + width + "s  %s, %s%n", m.name(),
                    Format.plural(m.messages(), "message", "messages"), Format.bytes(m.size()));
        }
    }
}
