package org.mailroom.admin.command;

import org.mailroom.admin.MailroomAdmin;
import picocli.CommandLine.Command;

/** {@code domain list}: one domain per line, sorted. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the local domains, one per line.")
public final class DomainListCommand extends AdminCommand {

    public DomainListCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        store().domains().forEach(out()::println);
    }
}
