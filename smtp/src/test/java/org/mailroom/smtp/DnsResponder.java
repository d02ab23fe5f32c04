package org.mailroom.smtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * A tiny authoritative DNS responder on 127.0.0.1 (UDP, a random port), answering from records the
 * test adds: unknown names get NXDOMAIN, a known name without records of the asked type an empty
 * NOERROR answer, a name marked failing its rcode. The tests' stubs (outbound MX lookups, mail
 * authentication) build their records on top of it; nothing here ever leaves loopback.
 */
public final class DnsResponder implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Consumer<Record> questions;
    private final Function<Message, Message> answers;
    private final Thread thread;

    /** @param questions told every question asked, before it is answered */
    public DnsResponder(String threadName, Consumer<Record> questions) throws IOException {
        this(threadName, questions, null);
    }

    /**
     * A responder whose answers the test computes: {@code answers} gets each query and returns the
     * response, or null to stay silent (the client times out). The records added here are not used.
     */
    public static DnsResponder answering(String threadName, Function<Message, Message> answers) throws IOException {
        return new DnsResponder(threadName, q -> { }, answers);
    }

    private DnsResponder(String threadName, Consumer<Record> questions, Function<Message, Message> answers)
            throws IOException {
        this.questions = questions;
        this.answers = answers == null ? this::answer : answers;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public void add(Record r) {
        known(r.getName()).add(r);
    }

    /** A name that exists with no records. */
    public void exists(Name name) {
        known(name);
    }

    public void fail(Name name, int rcode) {
        failures.put(key(name), rcode);
    }

    public static Name name(String s) {
        try {
            return Name.fromString(s, Name.root);
        } catch (IOException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private List<Record> known(Name name) {
        return records.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>());
    }

    private static String key(Name name) {
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = answers.apply(query);
                if (response == null) {
                    continue;
                }
                byte[] answer = response.toWire(4096);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is not DNS: keep serving until closed
            }
        }
    }

    /** An empty authoritative response to the query, for the test's answers to fill. */
    public static Message responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(query.getQuestion(), Section.QUESTION);
        return response;
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        questions.accept(question);
        Message response = responseTo(query);
        String key = key(question.getName());
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
