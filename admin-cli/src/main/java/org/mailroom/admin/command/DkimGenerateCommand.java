package org.mailroom.admin.command;

import java.util.Map;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.Arguments;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.store.DkimKey;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dkim generate DOMAIN [--selector S] [--algorithm rsa|ed25519]}: a new key (RSA 2048 bits, the
 * size RFC 8301 §3.2 recommends, or Ed25519 per RFC 8463), stored, with the TXT record to publish.
 * A new selector rotates: the newest key of each algorithm signs, older ones stay published until removed.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Creates a DKIM key for a local domain and prints the TXT record to publish.")
public final class DkimGenerateCommand extends AdminCommand {

    @Parameters(paramLabel = "DOMAIN", converter = Arguments.DomainName.class, description = "a local domain")
    private String domain;

    @Option(names = "--selector", paramLabel = "S",
            description = "the selector (default: the algorithm and today's date, e.g. rsa-20261204)")
    private String selector;

    @Option(names = "--algorithm", paramLabel = "rsa|ed25519", defaultValue = "rsa",
            description = "rsa (rsa-sha256, 2048 bits; default) or ed25519 (ed25519-sha256)")
    private DkimKeyFactory.Algorithm algorithm;

    public DkimGenerateCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        requireDomain(domain);
        String s = selector != null ? selector : DkimKeyFactory.defaultSelector(algorithm, admin.env().clock().instant());
        // RFC 6376 §3.1: a selector is dot-separated sub-domain labels
        if (!s.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")) {
            throw new AdminFailure("'" + s + "' is not a selector (letters, digits and hyphens, e.g. mail2026)");
        }
        DkimKey key = DkimKeyFactory.create(domain, s, algorithm, admin.env().clock().instant());
        try {
            admin.store().dkimKeys().add(key);
        } catch (StoreException e) {
            throw failure(e, Map.of(StoreError.ALREADY_EXISTS, "domain " + domain + " already has a DKIM key with selector "
                    + s + " (choose another with --selector)", StoreError.NOT_FOUND, noDomain(domain).getMessage()));
        }
        out().println("created " + key.algorithm() + " key " + s + " for " + domain + "; publish this TXT record:");
        DkimCommands.txtRecord(key).forEach(out()::println);
    }
}
