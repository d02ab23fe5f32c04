package org.mailroom.admin.command;

import java.util.Arrays;
import java.util.Map;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.auth.Credentials;
import org.mailroom.admin.PasswordInput;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user add ADDRESS}: an account with INBOX, Drafts, Sent, Trash, Junk and Archive. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a user in a local domain, with INBOX, Drafts, Sent, Trash, Junk and Archive.",
                "The password is asked for twice without echo, or read from the first line of standard input "
                + "with --password-stdin; it is never an argument."})
public final class UserAddCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the user's address, e.g. alice@example.org")
    private EmailAddress address;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    private boolean passwordStdin;

    @Option(names = "--storage", paramLabel = "SIZE", converter = Arguments.StorageLimit.class,
            description = "storage quota, e.g. 2G or 500M; 0 or unlimited for none (default: unlimited)")
    private long storage;

    @Option(names = "--messages", paramLabel = "COUNT", converter = Arguments.CountLimit.class,
            description = "message-count quota; 0 or unlimited for none (default: unlimited)")
    private long messages;

    public UserAddCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        // Checked before the password is asked for, so that nobody types it twice for nothing.
        requireDomain(address.domain());
        if (store().account(address).isPresent()) {
            throw new AdminFailure("user " + address + " already exists");
        }
        if (isTaken(address)) {
            throw taken(address);
        }
        char[] password = PasswordInput.read(admin.env(), address.toString(), passwordStdin);
        Credentials hashed;
        try {
            hashed = admin.env().hashing().hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try {
            store().addAccount(address, hashed.passwordHash(), hashed.scramVerifier(), new Quota(storage, messages));
        } catch (StoreException e) {
            throw failure(e, Map.of(
                    StoreError.NOT_FOUND, noDomain(address.domain()).getMessage(),
                    StoreError.ALREADY_EXISTS, taken(address).getMessage()));
        }
        out().println("added user " + address);
    }
}
