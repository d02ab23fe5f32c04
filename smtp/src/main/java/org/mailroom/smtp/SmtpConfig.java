package org.mailroom.smtp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the SMTP listeners are configured with, read once at start-up.
 *
 * @param ports the port of each listener; 0 disables it
 * @param maxMessageSize the SIZE limit (RFC 1870), in octets of message content
 * @param maxRecipients RCPT commands accepted per transaction (RFC 5321 §4.5.3.1.8), advertised as RCPTMAX
 * @param maxCommandLine octets of a command line with its CRLF (RFC 5321 §4.5.3.1.4, raised by the
 *     extensions' parameters as RFC 1869 allows)
 * @param maxTextLine octets of a line of message data with its CRLF (RFC 5321 §4.5.3.1.6)
 * @param maxConnectionsPerAddress simultaneous connections from one client address, all listeners together;
 *     0 = no limit
 * @param errorSoftLimit errors in a session before each further error's reply is delayed
 * @param errorHardLimit errors after which the session is closed with 421
 * @param unknownRecipientSlowdown unknown local recipients per client address and window before replies slow down
 * @param unknownRecipientLimit unknown local recipients per client address and window before it is disconnected
 *     and refused until the window has passed
 * @param unknownRecipientWindow the window of both
 * @param commandTimeout how long the server waits for a command (RFC 5321 §4.5.3.2.7: at least 5 minutes)
 * @param dataTimeout how long it waits for the next block of message data (RFC 5321 §4.5.3.2.6: 3 minutes)
 * @param shutdownGrace how long {@code close()} lets transactions in flight finish
 * @param threads the most sessions processed at once (they block on the store)
 */
public record SmtpConfig(
        String hostname,
        InetAddress bindAddress,
        Map<ListenerKind, Integer> ports,
        boolean allowPlaintextAuth,
        Path spoolDir,
        long maxMessageSize,
        int maxRecipients,
        int maxCommandLine,
        int maxTextLine,
        int maxConnectionsPerAddress,
        int errorSoftLimit,
        int errorHardLimit,
        int unknownRecipientSlowdown,
        int unknownRecipientLimit,
        Duration unknownRecipientWindow,
        Duration commandTimeout,
        Duration dataTimeout,
        Duration shutdownGrace,
        int threads) {

    public static final long DEFAULT_MAX_MESSAGE_SIZE = 25L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConfig.class);

    public SmtpConfig {
        ports = Map.copyOf(ports);
    }

    /** Reads the {@code smtp.*}, {@code submission.port} and {@code smtps.port} keys; see the report for defaults. */
    public static SmtpConfig from(Settings s, CoreConfig core) {
        Map<ListenerKind, Integer> ports = new EnumMap<>(ListenerKind.class);
        for (ListenerKind k : ListenerKind.values()) {
            ports.put(k, s.port(k.portKey(), k.defaultPort()));
        }
        long size = s.size("smtp.max-message-size", DEFAULT_MAX_MESSAGE_SIZE);
        if (size < 1024) {
            throw s.error("smtp.max-message-size", "must be at least 1K");
        }
        String softKey = renamed(s, "smtp.error-soft-limit", "smtp.error.soft-limit");
        String hardKey = renamed(s, "smtp.error-hard-limit", "smtp.error.hard-limit");
        int soft = s.integer(softKey, 5, 0, 1000);
        int hard = s.integer(hardKey, 20, 1, 1000);
        if (soft > hard) {
            throw s.error(softKey, "must not exceed " + hardKey + " (" + hard + ")");
        }
        int slow = s.integer("smtp.unknown-recipients.slowdown-after", 3, 0, 100_000);
        int limit = s.integer("smtp.unknown-recipients.limit", 20, 1, 100_000);
        return new SmtpConfig(core.hostname(), core.bindAddress(), ports, core.allowPlaintextAuth(),
                core.dataDir().resolve("spool"),
                size,
                s.integer("smtp.max-recipients", 100, 1, 100_000),
                s.integer("smtp.max-command-line", 2048, 512, 65_536),
                s.integer("smtp.max-text-line", 10_000, 1000, 1 << 20),
                s.integer(renamed(s, "smtp.max-connections-per-address", "smtp.max-connections-per-client"),
                        10, 0, 100_000),
                soft, hard, Math.min(slow, limit), limit,
                positive(s, "smtp.unknown-recipients.window", Duration.ofHours(1)),
                positive(s, "smtp.timeout.command", Duration.ofMinutes(5)),
                positive(s, "smtp.timeout.data", Duration.ofMinutes(3)),
                positive(s, "smtp.shutdown-grace", Duration.ofSeconds(30)),
                s.integer("smtp.threads", 32, 1, 1024));
    }

    /**
     * The key to read for a setting that was renamed to match pop3 and imap ({@code pop3.error-soft-limit},
     * {@code imap.max-connections-per-address}): the new name, or the old one while a file still uses it,
     * so that an existing configuration keeps working after an upgrade.
     */
    private static String renamed(Settings s, String key, String oldKey) {
        if (s.verbatim(oldKey).isEmpty()) {
            return key;
        }
        if (s.verbatim(key).isPresent()) {
            throw s.error(oldKey, "is the old name of " + key + "; set only " + key);
        }
        LOG.warn("configuration key {} is deprecated: rename it to {}", oldKey, key);
        return oldKey;
    }

    private static Duration positive(Settings s, String key, Duration dflt) {
        Duration d = s.duration(key, dflt);
        if (d.isZero() || d.isNegative()) {
            throw s.error(key, "must be longer than zero");
        }
        return d;
    }

    public int port(ListenerKind kind) {
        return ports.getOrDefault(kind, 0);
    }
}
