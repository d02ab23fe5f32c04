package org.mailroom.admin.command;

import java.util.Arrays;
import java.util.Map;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.auth.Credentials;
import org.mailroom.admin.PasswordInput;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user passwd ADDRESS}: the new password replaces both the hash and the SCRAM verifier. */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Sets a user's password.",
                "The password is asked for twice without echo, or read from the first line of standard input "
                + "with --password-stdin; it is never an argument."})
public final class UserPasswdCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the user's address")
    private EmailAddress address;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    private boolean passwordStdin;

    public UserPasswdCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        if (store().account(address).isEmpty()) {
            throw noUser(address);
        }
        char[] password = PasswordInput.read(admin.env(), address.toString(), passwordStdin);
        Credentials hashed;
        try {
            hashed = admin.env().hashing().hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        try {
            store().setCredentials(address, hashed.passwordHash(), hashed.scramVerifier());
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.NOT_FOUND, noUser(address).getMessage()));
        }
        out().println("changed the password of " + address);
    }
}
