package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mailroom.smtp.DnsResponder;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** MX, A and failing names for the outbound tests, served by a {@link DnsResponder} on loopback. */
final class DnsStub implements AutoCloseable {

    private static final long TTL = 60;

    final List<String> queries = new CopyOnWriteArrayList<>();
    private final DnsResponder responder;

    DnsStub() throws IOException {
        responder = new DnsResponder("dns-stub", q -> queries.add(q.getName() + " " + Type.string(q.getType())));
    }

    int port() {
        return responder.address().getPort();
    }

    /** A resolver that asks only this stub. */
    SimpleResolver resolver() {
        SimpleResolver r = new SimpleResolver(responder.address());
        r.setTimeout(Duration.ofSeconds(10));
        return r;
    }

    DnsStub mx(String domain, int preference, String host) {
        add(new MXRecord(name(domain), DClass.IN, TTL, preference, name(host)));
        return this;
    }

    /** RFC 7505's "0 .". */
    DnsStub nullMx(String domain) {
        add(new MXRecord(name(domain), DClass.IN, TTL, 0, Name.root));
        return this;
    }

    DnsStub a(String host, String ip) {
        try {
            add(new ARecord(name(host), DClass.IN, TTL, InetAddress.getByName(ip)));
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
        return this;
    }

    /** Makes every query for this name fail with SERVFAIL. */
    DnsStub servfail(String name) {
        responder.fail(name(name), Rcode.SERVFAIL);
        return this;
    }

    private void add(Record r) {
        responder.add(r);
    }

    private static Name name(String s) {
        return DnsResponder.name(s);
    }

    @Override
    public void close() {
        responder.close();
    }
}
