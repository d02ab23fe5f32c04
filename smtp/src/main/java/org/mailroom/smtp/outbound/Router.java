package org.mailroom.smtp.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailroom.smtp.outbound.OutboundConfig.HostPort;
import org.mailroom.smtp.outbound.OutboundConfig.Smarthost;

/**
 * Chooses where a domain's mail goes: a static route for the domain first, then the smarthost, then
 * the domain's MX hosts.
 */
final class Router {

    /** Where to go and how to talk there. {@code key} names the destination for the per-destination cap. */
    record Route(Destination destination, ConnectionPolicy policy, String key) {
    }

    private final OutboundConfig config;
    private final MxResolver mx;
    private final ConnectionPolicy mxPolicy;

    Router(OutboundConfig config, MxResolver mx) {
        this.config = config;
        this.mx = mx;
        this.mxPolicy = config.requireTls() ? new ConnectionPolicy(TlsMode.REQUIRED, false, Optional.empty())
                : ConnectionPolicy.OPPORTUNISTIC;
    }

    /** The destination's name for concurrency limits, without any lookup. */
    String key(String domain) {
        if (config.routes().containsKey(domain)) {
            return "route:" + domain;
        }
        return config.smarthost().isPresent() ? "smarthost" : domain;
    }

    Route route(String domain) {
        HostPort fixed = config.routes().get(domain);
        if (fixed != null) {
            return new Route(hosts(fixed), mxPolicy, key(domain));
        }
        Optional<Smarthost> relay = config.smarthost();
        if (relay.isPresent()) {
            return new Route(hosts(relay.get().address()), relay.get().policy(), key(domain));
        }
        return new Route(mx.resolve(domain), mxPolicy, key(domain));
    }

    /** A configured host: a literal as it is, a name through the system's resolver (it may be in /etc/hosts). */
    private static Destination hosts(HostPort hp) {
        if (OutboundConfig.isLiteral(hp.host())) {
            return new Destination.Hosts(List.of(new RemoteHost(hp.host(), OutboundConfig.literal(hp.host()), hp.port())));
        }
        try {
            List<RemoteHost> out = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(hp.host())) {
                out.add(new RemoteHost(hp.host(), a, hp.port()));
            }
            return new Destination.Hosts(out);
        } catch (UnknownHostException e) {
            return new Destination.Unreachable(false, "4.4.3", "cannot resolve the configured host " + hp.host());
        }
    }
}
