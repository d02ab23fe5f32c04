package org.mailroom.admin.command;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mailroom.admin.AdminFailure;
import org.mailroom.admin.MailroomAdmin;
import org.mailroom.auth.Credentials;
import org.mailroom.admin.PasswordInput;
import org.mailroom.config.Settings;
import org.mailroom.store.Alias;
import org.mailroom.store.DkimKey;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code quickstart ADDRESS}: the domain, the first account with a generated password, the
 * {@code postmaster} alias every domain needs (RFC 5321 §4.5.1), the domain's first DKIM key, then what
 * to publish in DNS (MX, SPF, DMARC and the key's record) and what to type into a mail client. Either all of it is created or, on failure, none of it stays.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Sets up a domain and its first user, and says what to publish in DNS and to type into a "
                + "mail client.",
                "Creates the domain (if new), the user with a generated password, postmaster@DOMAIN forwarding "
                + "to it (if there is none) and the domain's first DKIM key (if it has none); then prints the "
                + "password (once), the DNS records (MX, SPF, DMARC and DKIM) and the client settings."})
public final class QuickstartCommand extends AdminCommand {

    @Parameters(paramLabel = "ADDRESS", description = "the first user's address, e.g. alice@example.org")
    private EmailAddress address;

    public QuickstartCommand(MailroomAdmin admin) {
        super(admin);
    }

    @Override
    protected void run() {
        String domain = address.domain();
        String host = admin.core().hostname();
        ClientPorts ports = ClientPorts.from(admin.settings());
        if (store().account(address).isPresent()) {
            throw new AdminFailure("user " + address + " already exists");
        }
        if (isTaken(address)) {
            throw taken(address);
        }
        boolean newDomain = !store().domains().contains(domain);
        EmailAddress postmaster = new EmailAddress("postmaster", domain);
        boolean addPostmaster = !postmaster.key().equals(address.key())
                && (newDomain || !isTaken(postmaster));

        char[] password = PasswordInput.generate();
        Credentials hashed = admin.env().hashing().hash(password);
        List<String> created = create(newDomain, addPostmaster, postmaster, hashed);
        DkimKey signing = signingKey(domain).orElseThrow();

        out().println("Created " + join(created) + ".");
        out().println();
        out().println("Password of " + address + " (shown only this once; change it with "
                + "'mailroom-admin user passwd " + address + "'):");
        out().println();
        out().println("    " + new String(password));
        Arrays.fill(password, '\0');
        out().println();
        printDns(domain, host, signing);
        out().println();
        printClientSettings(host, ports);
    }

    /** Creates everything, undoing what was done if a later step fails (each step is its own transaction). */
    private List<String> create(boolean newDomain, boolean addPostmaster, EmailAddress postmaster,
                                Credentials hashed) {
        Deque<Runnable> undo = new ArrayDeque<>();
        List<String> created = new ArrayList<>();
        try {
            if (newDomain) {
                store().addDomain(address.domain());
                undo.push(() -> store().removeDomain(address.domain()));
                created.add("the domain " + address.domain());
            }
            store().addAccount(address, hashed.passwordHash(), hashed.scramVerifier(), Quota.UNLIMITED);
            undo.push(() -> store().removeAccount(address));
            created.add("the user " + address);
            if (addPostmaster) {
                store().addAlias(new Alias(postmaster.key(), List.of(address)));
                undo.push(() -> store().removeAlias(postmaster.key()));
                created.add("the alias " + postmaster + " -> " + address);
            }
            if (signingKey(address.domain()).isEmpty()) {
                // the issue: quickstart creates the domain's first DKIM key, so that its mail is signed at once
                Instant now = admin.env().clock().instant();
                DkimKey key = DkimKeyFactory.create(address.domain(),
                        DkimKeyFactory.defaultSelector(DkimKeyFactory.Algorithm.RSA, now), DkimKeyFactory.Algorithm.RSA, now);
                admin.store().dkimKeys().add(key);
                created.add("the DKIM key " + key.selector());
            }
            return created;
        } catch (StoreException e) {
            undo.forEach(step -> {
                try {
                    step.run();
                } catch (StoreException ignored) {
                    // the original failure is what the administrator needs to read
                }
            });
            throw failure(e, Map.of(StoreError.ALREADY_EXISTS, "something created at the same time got in the way "
                    + "(" + e.getMessage() + "); nothing was changed, try again"));
        }
    }

    /** The key that signs the domain's mail: its newest RSA key (the signer adds ed25519 beside it), else its newest. */
    private Optional<DkimKey> signingKey(String domain) {
        List<DkimKey> keys = admin.store().dkimKeys().list(Optional.of(domain));
        return keys.stream().filter(k -> k.algorithm().startsWith("rsa")).findFirst().or(() -> keys.stream().findFirst());
    }

    private void printDns(String domain, String host, DkimKey dkim) {
        out().println("DNS records to publish (" + host + " is this server, the 'hostname' of the configuration):");
        out().println();
        List<String[]> records = List.of(
                new String[] {domain + ".", "MX", "10 " + host + "."},
                new String[] {host + ".", "A", "<the server's public IPv4 address>"},
                new String[] {host + ".", "AAAA", "<its public IPv6 address, if it has one>"},
                new String[] {domain + ".", "TXT", "\"v=spf1 mx -all\""},
                new String[] {"_dmarc." + domain + ".", "TXT", "\"v=DMARC1; p=none; rua=mailto:postmaster@" + domain + "\""},
                new String[] {dkim.selector() + "._domainkey." + domain + ".", "TXT", DkimCommands.txtValue(dkim)});
        int width = records.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] r : records) {
            out().printf("    %-" + width + "s  %-4s  %s%n", r[0], r[1], r[2]);
        }
        out().println();
        out().println("Also have the reverse DNS (PTR) of the server's addresses set to " + host
                + " (your hosting provider does that).");
        out().println("DMARC p=none only collects reports; once they show that all your mail passes, raise it "
                + "to p=quarantine.");
    }

    private void printClientSettings(String host, ClientPorts ports) {
        out().println("Mail client settings for " + address + ":");
        out().println();
        out().println("    user name        " + address);
        ports.line(host, ports.imaps(), ports.imap()).ifPresent(s -> out().println("    incoming (IMAP)  " + s));
        ports.line(host, ports.pop3s(), ports.pop3()).ifPresent(s -> out().println("    incoming (POP3)  " + s));
        ports.line(host, ports.smtps(), ports.submission()).ifPresent(s -> out().println("    outgoing (SMTP)  " + s
                + "; log in with the user name and password"));
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The client-facing ports from the configuration; 0 means the listener is off. */
    record ClientPorts(int imaps, int imap, int pop3s, int pop3, int smtps, int submission) {

        static ClientPorts from(Settings s) {
            return new ClientPorts(s.port("imaps.port", 993), s.port("imap.port", 143), s.port("pop3s.port", 995),
                    s.port("pop3.port", 110), s.port("smtps.port", 465), s.port("submission.port", 587));
        }

        /** {@code host, port 993 with SSL/TLS, or 143 with STARTTLS}, or empty when both are off. */
        Optional<String> line(String host, int implicitTls, int startTls) {
            List<String> ways = new ArrayList<>();
            if (implicitTls > 0) {
                ways.add("port " + implicitTls + " with SSL/TLS");
            }
            if (startTls > 0) {
                ways.add((ways.isEmpty() ? "port " : "") + startTls + " with STARTTLS");
            }
            return ways.isEmpty() ? Optional.empty() : Optional.of(host + ", " + String.join(", or ", ways));
        }
    }
}
