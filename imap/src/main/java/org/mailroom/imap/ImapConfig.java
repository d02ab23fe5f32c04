package org.mailroom.imap;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

/**
 * The IMAP listeners' settings.
 *
 * @param port {@code imap.port}: IMAP with STARTTLS (143); 0 disables it
 * @param tlsPort {@code imaps.port}: IMAP over implicit TLS (993); 0 disables it
 * @param bindAddress where both listen ({@code bind.address})
 * @param allowPlaintextAuth {@code auth.allow-plaintext}: LOGIN and AUTHENTICATE before TLS
 * @param spoolDir where large APPEND literals wait on disk ({@code data.dir}/spool/imap)
 * @param appendLimit {@code imap.append-limit}: the largest message APPEND takes (APPENDLIMIT, RFC 7889)
 * @param idleTimeout {@code imap.idle-timeout}: autologout after login, at least 30 minutes (RFC 9051 §5.4)
 * @param loginTimeout {@code imap.login-timeout}: autologout before login
 * @param maxConnectionsPerAddress {@code imap.max-connections-per-address}; 0 for no limit
 * @param errorSoftLimit {@code imap.error-soft-limit}: errors before replies slow down
 * @param errorHardLimit {@code imap.error-hard-limit}: errors before the connection is closed
 * @param threads {@code imap.threads}: worker threads running commands (JDBC blocks)
 * @param unauthenticate {@code imap.unauthenticate}: offer UNAUTHENTICATE (RFC 8437), default true; RFC 8437
 *                       §8 requires a way to turn it off (e.g. behind a proxy that passes connections through)
 */
public record ImapConfig(
        int port,
        int tlsPort,
        InetAddress bindAddress,
        boolean allowPlaintextAuth,
        Path spoolDir,
        long appendLimit,
        Duration idleTimeout,
        Duration loginTimeout,
        int maxConnectionsPerAddress,
        int errorSoftLimit,
        int errorHardLimit,
        int threads,
        boolean unauthenticate) {

    /** A port value for tests: bind any free port (0 in the configuration means disabled). */
    public static final int ANY_PORT = -1;

    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(30);

    /** The settings before UNAUTHENTICATE was configurable: it is offered. */
    public ImapConfig(int port, int tlsPort, InetAddress bindAddress, boolean allowPlaintextAuth, Path spoolDir,
                      long appendLimit, Duration idleTimeout, Duration loginTimeout, int maxConnectionsPerAddress,
                      int errorSoftLimit, int errorHardLimit, int threads) {
        this(port, tlsPort, bindAddress, allowPlaintextAuth, spoolDir, appendLimit, idleTimeout, loginTimeout,
                maxConnectionsPerAddress, errorSoftLimit, errorHardLimit, threads, true);
    }

    public static ImapConfig from(Settings settings, CoreConfig core) {
        int port = settings.port("imap.port", 143);
        int tlsPort = settings.port("imaps.port", 993);
        long appendLimit = settings.size("imap.append-limit", 50L << 20);
        if (appendLimit < 1024 || appendLimit > 0xffffffffL) {
            throw settings.error("imap.append-limit", "must be between 1K and 4G");
        }
        Duration idle = settings.duration("imap.idle-timeout", MIN_IDLE_TIMEOUT);
        if (idle.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw settings.error("imap.idle-timeout", "must be at least 30m (RFC 9051 section 5.4)");
        }
        Duration login = settings.duration("imap.login-timeout", Duration.ofSeconds(60));
        if (login.isZero() || login.isNegative()) {
            throw settings.error("imap.login-timeout", "must be positive");
        }
        int perAddress = settings.integer("imap.max-connections-per-address", 20, 0, 100_000);
        int soft = settings.integer("imap.error-soft-limit", 10, 0, 10_000);
        int hard = settings.integer("imap.error-hard-limit", 30, 1, 10_000);
        if (soft > hard) {
            throw settings.error("imap.error-soft-limit", "must not be above imap.error-hard-limit");
        }
        int threads = settings.integer("imap.threads", 16, 1, 1024);
        boolean unauthenticate = settings.bool("imap.unauthenticate", true);
        return new ImapConfig(port, tlsPort, core.bindAddress(), core.allowPlaintextAuth(),
                core.dataDir().resolve("spool").resolve("imap"), appendLimit, idle, login, perAddress, soft, hard,
                threads, unauthenticate);
    }

    /** The same settings listening on other ports (tests bind port 0). */
    public ImapConfig withPorts(int port, int tlsPort) {
        return new ImapConfig(port, tlsPort, bindAddress, allowPlaintextAuth, spoolDir, appendLimit, idleTimeout,
                loginTimeout, maxConnectionsPerAddress, errorSoftLimit, errorHardLimit, threads, unauthenticate);
    }
}
