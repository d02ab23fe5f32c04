package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * MX resolution with dnsjava, as RFC 5321 §5.1 describes it: MX records by preference (equal
 * preferences in random order), each target's A and AAAA addresses; no MX at all means the domain's
 * own addresses (the implicit MX); a null MX (RFC 7505) means the domain accepts no mail.
 *
 * <p>It asks the given resolver directly (no cache of its own: a recursive resolver has one), so a
 * test can point it at a stub server on loopback.
 */
public final class DnsMxResolver implements MxResolver {

    /** Like Postfix's smtp_mx_address_limit: enough backups, bounded work per attempt. */
    static final int MAX_ADDRESSES = 10;
    public static final int SMTP_PORT = 25;

    private final Resolver dns;
    private final int port;
    private final Random random = new Random();

    /**
     * @param dns the resolver to ask
     * @param port the port to deliver to on every host found (25, except in tests)
     */
    public DnsMxResolver(Resolver dns, int port) {
        this.dns = dns;
        this.port = port;
    }

    /**
     * A resolver asking these servers ({@code ip} or {@code ip:port}), or the system's configured
     * resolvers when the list is empty.
     */
    public static DnsMxResolver forServers(List<InetSocketAddress> servers, Duration timeout) {
        Resolver r;
        if (servers.isEmpty()) {
            r = new ExtendedResolver();
        } else {
            ExtendedResolver e = new ExtendedResolver();
            for (InetSocketAddress s : servers) {
                e.addResolver(new SimpleResolver(s));
            }
            r = e;
        }
        r.setTimeout(timeout);
        return new DnsMxResolver(r, SMTP_PORT);
    }

    @Override
    public Destination resolve(String domain) {
        Name name;
        try {
            name = Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            return new Destination.Unreachable(true, "5.1.2", "not a domain name: " + domain);
        }
        Answer mx = query(name, Type.MX);
        if (mx.failure() != null) {
            return new Destination.Unreachable(false, "4.4.3", "MX lookup for " + domain + " failed: " + mx.failure());
        }
        if (mx.rcode() == Rcode.NXDOMAIN) {
            return new Destination.Unreachable(true, "5.1.2", "domain " + domain + " does not exist");
        }
        List<MXRecord> records = new ArrayList<>();
        for (Record r : mx.records()) {
            if (r instanceof MXRecord m) {
                if (m.getTarget().equals(Name.root)) {
                    // RFC 7505 §3: "0 ." says the domain accepts no mail; §4.2: fail at once, no fallback.
                    return new Destination.Unreachable(true, "5.1.10", domain + " accepts no mail (null MX)");
                }
                records.add(m);
            }
        }
        if (records.isEmpty()) {
            // RFC 5321 §5.1: no MX records: the domain itself is the implicit MX, preference 0.
            return hostsOrFailure(domain, List.of(name));
        }
        return hostsOrFailure(domain, byPreference(records));
    }

    /** Sorted by preference; equal preferences shuffled to spread the load (RFC 5321 §5.1). */
    private List<Name> byPreference(List<MXRecord> records) {
        Map<Integer, List<Name>> groups = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparingInt(MXRecord::getPriority))
                .forEach(m -> groups.computeIfAbsent(m.getPriority(), p -> new ArrayList<>()).add(m.getTarget()));
        List<Name> out = new ArrayList<>();
        for (List<Name> same : groups.values()) {
            Collections.shuffle(same, random);
            for (Name n : same) {
                if (!out.contains(n)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private Destination hostsOrFailure(String domain, List<Name> targets) {
        List<RemoteHost> hosts = new ArrayList<>();
        String failure = null;
        for (Name target : targets) {
            String hostName = target.toString(true);
            for (int type : new int[] {Type.A, Type.AAAA}) {
                Answer a = query(target, type);
                if (a.failure() != null) {
                    failure = a.failure();
                    continue;
                }
                for (Record r : a.records()) {
                    InetAddress address = r instanceof ARecord ar ? ar.getAddress()
                            : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                    if (address != null && hosts.size() < MAX_ADDRESSES) {
                        hosts.add(new RemoteHost(hostName, address, port));
                    }
                }
            }
            if (hosts.size() >= MAX_ADDRESSES) {
                break;
            }
        }
        if (!hosts.isEmpty()) {
            return new Destination.Hosts(hosts);
        }
        if (failure != null) {
            return new Destination.Unreachable(false, "4.4.3", "address lookup for the mail hosts of " + domain
                    + " failed: " + failure);
        }
        return new Destination.Unreachable(true, "5.4.4", "no address for the mail hosts of " + domain);
    }

    private Answer query(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        try {
            Message response = dns.send(query);
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                return new Answer(rcode, List.of(), Rcode.string(rcode));
            }
            return new Answer(rcode, response.getSection(Section.ANSWER), null);
        } catch (IOException e) {
            return new Answer(-1, List.of(), e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private record Answer(int rcode, List<Record> records, String failure) {
    }
}
