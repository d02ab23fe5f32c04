package org.mailroom.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.tls.TlsMaterial;

/**
 * The whole configuration, read and checked before anything is created or bound: the core keys, each
 * protocol module's keys, no unknown key, and every port free to bind.
 *
 * @param file the configuration file it was read from
 * @param installDir the installation directory relative paths resolve against
 * @param core the settings every part shares
 * @param delivery how the delivery agent resolves recipients
 * @param loginThrottle how failed logins are slowed down and banned ({@code auth.throttle.*})
 * @param configuredTls the certificate and key of {@code tls.certificate} and {@code tls.private-key},
 *     read and checked; empty when a self-signed pair is to be used (generated at the first start)
 * @param protocols the protocol modules, configured
 */
public record ServerConfiguration(Path file, Path installDir, CoreConfig core, DeliveryConfig delivery,
        ThrottleConfig loginThrottle, Optional<TlsMaterial> configuredTls, List<Protocol> protocols) {

    /**
     * Reads {@code file} and checks all of it.
     *
     * @throws ConfigException with the one line an administrator needs: the file, the key, what is wrong
     */
    public static ServerConfiguration load(Path file, Path installDir) {
        ServerConfiguration c = loadWithoutPortCheck(file, installDir);
        PortCheck.requireBindable(c.core(), c.protocols());
        return c;
    }

    /** Everything {@link #load} checks but whether the ports are free (for tests of the shipped file). */
    static ServerConfiguration loadWithoutPortCheck(Path file, Path installDir) {
        Settings settings = Settings.load(file, installDir);
        CoreConfig core = CoreConfig.from(settings);
        DeliveryConfig delivery = new DeliveryConfig(core.subaddressSeparator(),
                DeliveryConfig.DEFAULT.maxReceivedHeaders(), DeliveryConfig.DEFAULT.maxAliasDepth());
        ThrottleConfig throttle = ThrottleConfig.from(settings);
        List<Protocol> protocols = Protocols.configure(settings, core);
        settings.rejectUnknownKeys();
        // Reading the PEM files writes nothing; the self-signed pair is generated only once all else is good.
        Optional<TlsMaterial> tls = core.tlsCertificate().isPresent() ? Optional.of(TlsMaterial.load(core))
                : Optional.empty();
        PortCheck.requireDistinct(settings, core, protocols);
        return new ServerConfiguration(file, installDir, core, delivery, throttle, tls, protocols);
    }
}
