package org.mailroom.imap.command;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every command, by name, in one immutable table built here (STYLE.md §4: no reflection, no registry). */
public final class CommandTable {

    private final Map<String, ImapCommand<?>> commands;

    public CommandTable() {
        List<ImapCommand<?>> all = List.of(
                new CapabilityCommand(), new NoopCommand("NOOP"), new LogoutCommand(), new StartTlsCommand(),
                new AuthenticateCommand(), new LoginCommand(), new EnableCommand(), new IdCommand(),
                new SelectCommand(false), new SelectCommand(true), new CreateCommand(), new DeleteCommand(),
                new RenameCommand(), new SubscribeCommand(true), new SubscribeCommand(false), new ListCommand(),
                new LsubCommand(), new NamespaceCommand(), new StatusCommand(), new AppendCommand(),
                new IdleCommand(), new NoopCommand("CHECK"), new CloseCommand(true), new CloseCommand(false),
                new ExpungeCommand(false), new ExpungeCommand(true),
                new SearchCommand(false), new SearchCommand(true), new FetchCommand(false), new FetchCommand(true),
                new StoreCommand(false), new StoreCommand(true),
                new CopyCommand(false, false), new CopyCommand(true, false),
                new CopyCommand(false, true), new CopyCommand(true, true));
        this.commands = Stream.of(all, ordering(), messages(), connection()).flatMap(List::stream)
                .collect(Collectors.toUnmodifiableMap(ImapCommand::name, Function.identity()));
    }

    /** SORT, THREAD and their relatives (RFC 5256, 5267). */
    private static List<ImapCommand<?>> ordering() {
        return List.of(new SortCommand(false), new SortCommand(true), new ThreadCommand(false), new ThreadCommand(true),
                new CancelUpdateCommand());
    }

    /** Appending, replacing and quotas (RFC 3502, 8508, 9208). */
    private static List<ImapCommand<?>> messages() {
        return List.of(new GetQuotaCommand(), new GetQuotaRootCommand(), new SetQuotaCommand(),
                new UnauthenticateCommand(), new ReplaceCommand(false), new ReplaceCommand(true));
    }

    /** Commands about the connection and the account (RFC 4978, 5465, 5464, 8437). */
    private static List<ImapCommand<?>> connection() {
        return List.of(new CompressCommand(), new GetMetadataCommand(), new SetMetadataCommand(), new NotifyCommand());
    }

    /** The command of that name (upper case, "UID FETCH" for UID forms), or null. */
    public ImapCommand<?> get(String name) {
        return commands.get(name);
    }
}
