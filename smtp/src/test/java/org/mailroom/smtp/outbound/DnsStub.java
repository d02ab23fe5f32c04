package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS responder on 127.0.0.1 (UDP, a random port), answering from records the
 * test sets. Names it knows nothing about get NXDOMAIN; a known name without records of the asked
 * type gets an empty NOERROR answer; a name can be made to fail with SERVFAIL.
 */
final class DnsStub implements AutoCloseable {

    private static final long TTL = 60;

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    private final Thread thread;

    DnsStub() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "dns-stub");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** A resolver that asks only this stub. */
    SimpleResolver resolver() {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()));
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
        failures.put(name(name).toString(), Rcode.SERVFAIL);
        return this;
    }

    private void add(Record r) {
        records.computeIfAbsent(r.getName().toString(), k -> new CopyOnWriteArrayList<>()).add(r);
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
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is not DNS: keep serving until closed
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        queries.add(question.getName() + " " + Type.string(question.getType()));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        String key = question.getName().toString();
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
        List<Record> matching = new ArrayList<>();
        for (Record r : known) {
            if (r.getType() == question.getType()) {
                matching.add(r);
            }
        }
        matching.forEach(r -> response.addRecord(r, Section.ANSWER));
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
