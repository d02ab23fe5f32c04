package org.mailroom.smtp.mailauth;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mailroom.smtp.mailauth.dns.DnsJavaLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS responder on 127.0.0.1 (UDP, a random port) answering TXT, A, AAAA, MX and PTR
 * from records the test sets; unknown names get NXDOMAIN, known names without the type an empty
 * answer, names marked so SERVFAIL. The outbound package has a similar stub, package-private and
 * without TXT or PTR, which is why mail authentication has its own.
 */
final class AuthDnsStub implements AutoCloseable {

    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    private final Thread thread;

    AuthDnsStub() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "auth-dns-stub");
        thread.setDaemon(true);
        thread.start();
    }

    /** A lookup asking only this stub, with a cache (as in production) that each test starts empty. */
    DnsJavaLookup lookup() {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()));
        r.setTimeout(Duration.ofSeconds(5));
        r.setEDNS(0, 4096, 0, java.util.List.of());
        return new DnsJavaLookup(r, Clock.systemUTC(), 1000);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
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
        records.computeIfAbsent(name(name).toString().toLowerCase(), k -> new CopyOnWriteArrayList<>());
        return this;
    }

    AuthDnsStub servfail(String name) {
        failures.put(name(name).toString().toLowerCase(), Rcode.SERVFAIL);
        return this;
    }

    private void add(Record r) {
        records.computeIfAbsent(r.getName().toString().toLowerCase(), k -> new CopyOnWriteArrayList<>()).add(r);
    }

    static InetAddress ip(String ip) {
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    private static Name name(String s) {
        try {
            return Name.fromString(s, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(4096);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is not DNS: keep serving until closed
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        queries.add(question.getName().toString(true).toLowerCase() + " " + Type.string(question.getType()));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        String key = question.getName().toString().toLowerCase();
        Integer failure = failures.get(key);
        if (failure != null) {
            response.getHeader().setRcode(failure);
            return response;
        }
        List<Record> known = records.get(key);
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record r : known) {
            if (r.getType() == question.getType()) {
                response.addRecord(r, Section.ANSWER);
            }
        }
        return response;
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
