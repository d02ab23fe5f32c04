package org.mailroom.smtp.mailauth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mailroom.smtp.DnsResponder;
import org.mailroom.smtp.mailauth.dns.DnsJavaLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** TXT, A, AAAA, MX and PTR records for the mail authentication tests, served by a {@link DnsResponder}. */
final class AuthDnsStub implements AutoCloseable {

    private static final long TTL = 60;

    final List<String> queries = new CopyOnWriteArrayList<>();
    private final DnsResponder responder;

    AuthDnsStub() throws IOException {
        responder = new DnsResponder("auth-dns-stub",
                q -> queries.add(q.getName().toString(true).toLowerCase() + " " + Type.string(q.getType())));
    }

    /** A lookup asking only this stub, with a cache (as in production) that each test starts empty. */
    DnsJavaLookup lookup() {
        SimpleResolver r = new SimpleResolver(responder.address());
        r.setTimeout(Duration.ofSeconds(5));
        r.setEDNS(0, 4096, 0, List.of());
        return new DnsJavaLookup(r, Clock.systemUTC(), 1000);
    }

    InetSocketAddress address() {
        return responder.address();
    }

    /** One TXT record; a string longer than 255 octets is split into several character-strings. */
    AuthDnsStub txt(String name, String text) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            parts.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        add(new TXTRecord(name(name), DClass.IN, TTL, parts.isEmpty() ? List.of("") : parts));
        return this;
    }

    AuthDnsStub a(String name, String... ips) {
        for (String ip : ips) {
            InetAddress address = ip(ip);
            add(address.getAddress().length == 4 ? new ARecord(name(name), DClass.IN, TTL, address)
                    : new AAAARecord(name(name), DClass.IN, TTL, address));
        }
        return this;
    }

    AuthDnsStub mx(String name, String... hosts) {
        int pref = 10;
        for (String h : hosts) {
            add(new MXRecord(name(name), DClass.IN, TTL, pref++, name(h)));
        }
        return this;
    }

    AuthDnsStub ptr(String ip, String... names) {
        Name reverse = ReverseMap.fromAddress(ip(ip));
        Arrays.stream(names).forEach(n -> add(new PTRRecord(reverse, DClass.IN, TTL, name(n))));
        return this;
    }

    /** A name that exists with no records (for void lookups that are not NXDOMAIN). */
    AuthDnsStub empty(String name) {
        responder.exists(name(name));
        return this;
    }

    AuthDnsStub servfail(String name) {
        responder.fail(name(name), Rcode.SERVFAIL);
        return this;
    }

    private void add(Record r) {
        responder.add(r);
    }

    static InetAddress ip(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    private static Name name(String s) {
        return DnsResponder.name(s);
    }

    @Override
    public void close() {
        responder.close();
    }
}
