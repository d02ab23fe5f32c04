package org.mailroom.smtp.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mailroom.smtp.protocol.SmtpCommand;

/** The SMTP commands this server knows, in one explicit, immutable table (STYLE.md §4). */
public final class CommandTable {

    private CommandTable() {
    }

    public static Map<String, SmtpCommand<?>> standard() {
        Map<String, SmtpCommand<?>> m = new LinkedHashMap<>();
        for (SmtpCommand<?> c : new SmtpCommand<?>[] {
            new HeloCommand(), new EhloCommand(), new MailCommand(), new RcptCommand(), new DataCommand(),
            new BdatCommand(), new RsetCommand(), new VrfyCommand(), new ExpnCommand(), new NoopCommand(),
            new QuitCommand(), new HelpCommand(), new StartTlsCommand(), new AuthCommand()}) {
            m.put(c.verb(), c);
        }
        return Map.copyOf(m);
    }
}
