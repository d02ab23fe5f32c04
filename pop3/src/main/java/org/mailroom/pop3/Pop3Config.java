package org.mailroom.pop3;

import java.net.InetAddress;
import java.time.Duration;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.pop3.protocol.SessionPolicy;

/**
 * The POP3 servers' settings.
 *
 * @param port POP3 with STLS (RFC 1939, RFC 2595); 0 disables it, {@link #ANY_FREE_PORT} binds any free one
 * @param tlsPort POP3 over implicit TLS (RFC 8314); 0 disables it, {@link #ANY_FREE_PORT} binds any free one
 * @param bindAddress where both listen
 * @param hostname named in the greeting
 * @param allowPlaintextAuth whether USER/PASS and AUTH are accepted before TLS
 * @param idleTimeout the autologout timer (RFC 1939 §3: at least 10 minutes)
 * @param maxLineLength the longest command line accepted, line end excluded
 * @param maxConnectionsPerAddress simultaneous connections from one client address; 0 for no limit
 * @param errorSoftLimit errors after which each reply is slowed down
 * @param errorHardLimit errors after which the connection is closed
 */
public record Pop3Config(
        int port,
        int tlsPort,
        InetAddress bindAddress,
        String hostname,
        boolean allowPlaintextAuth,
        Duration idleTimeout,
        int maxLineLength,
        int maxConnectionsPerAddress,
        int errorSoftLimit,
        int errorHardLimit) {

    public static final int DEFAULT_PORT = 110;
    /** A port value (not readable from the configuration) that binds whatever port is free: for tests. */
    public static final int ANY_FREE_PORT = -1;
    public static final int DEFAULT_TLS_PORT = 995;
    /** RFC 1939 §3: "the timer MUST be of at least 10 minutes' duration". */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /**
     * RFC 2449 §4 caps commands at 255 octets, but SASL responses (RFC 5034 §4) and long passwords
     * need more; this leaves room for both while bounding what a client can make us buffer.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    /**
     * Reads {@code pop3.port}, {@code pop3s.port}, {@code pop3.idle-timeout}, {@code pop3.max-line-length},
     * {@code pop3.max-connections-per-address}, {@code pop3.error-soft-limit} and {@code pop3.error-hard-limit}.
     */
    public static Pop3Config from(Settings settings, CoreConfig core) {
        int port = settings.port("pop3.port", DEFAULT_PORT);
        int tlsPort = settings.port("pop3s.port", DEFAULT_TLS_PORT);
        if (port != 0 && port == tlsPort) {
            throw settings.error("pop3s.port", "must differ from pop3.port (" + port + ")");
        }
        Duration idle = settings.duration("pop3.idle-timeout", MIN_IDLE_TIMEOUT);
        if (idle.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw settings.error("pop3.idle-timeout", "RFC 1939 requires at least 10m, not " + idle.toSeconds() + "s");
        }
        int maxLine = settings.integer("pop3.max-line-length", DEFAULT_MAX_LINE_LENGTH, 512, 65536);
        int perAddress = settings.integer("pop3.max-connections-per-address", 10, 0, 100000);
        int soft = settings.integer("pop3.error-soft-limit", 3, 0, 1000);
        int hard = settings.integer("pop3.error-hard-limit", 10, 1, 1000);
        if (soft > hard) {
            throw settings.error("pop3.error-soft-limit", "must not exceed pop3.error-hard-limit (" + hard + ")");
        }
        return new Pop3Config(port, tlsPort, core.bindAddress(), core.hostname(), core.allowPlaintextAuth(), idle,
                maxLine, perAddress, soft, hard);
    }

    SessionPolicy policy() {
        return new SessionPolicy(hostname, allowPlaintextAuth, errorSoftLimit, errorHardLimit);
    }
}
