package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.Format;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quota set ADDRESS --storage 2G --messages 100000}; a limit not given stays as it was. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Sets a user's storage and message-count limits; a limit not given keeps its value.")
public final class QuotaSetCommand extends AdminCommand {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ADDRESS", description = "the user's address")
    private EmailAddress address;

    @Option(names = "--storage", paramLabel = "SIZE", converter = Arguments.StorageLimit.class,
            description = "e.g. 2G or 500M; 0 or unlimited for no limit")
    private Long storage;

    @Option(names = "--messages", paramLabel = "COUNT", converter = Arguments.CountLimit.class,
            description = "e.g. 100000; 0 or unlimited for no limit")
    private Long messages;

    public QuotaSetCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        if (storage == null && messages == null) {
            throw new ParameterException(spec.commandLine(), "give --storage, --messages or both");
        }
        Account account = store().account(address).orElseThrow(() -> noUser(address));
        Quota quota = new Quota(storage != null ? storage : account.quota().maxBytes(),
                messages != null ? messages : account.quota().maxMessages());
        try {
            store().setQuota(address, quota);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, noUser(address).getMessage()));
        }
        out().println("quota of " + address + ": storage " + Format.storageLimit(quota.maxBytes()) + ", messages "
                + Format.messageLimit(quota.maxMessages()));
    }
}
