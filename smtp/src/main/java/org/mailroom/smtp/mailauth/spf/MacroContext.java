package org.mailroom.smtp.mailauth.spf;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The values macros expand to (RFC 7208 §7.2): the sender (s, l, o), the current domain (d), the client
 * address (i, c, v), the HELO name (h), the receiving host (r), the time (t) and the client's validated
 * name (p), computed only when a record asks for it.
 */
record MacroContext(String sender, String domain, InetAddress ip, String helo, String receiver, long timestamp,
                    ValidatedName validatedName) {

    /** The p macro's value; its PTR lookup counts towards the limit of RFC 7208 §4.6.4. */
    @FunctionalInterface
    interface ValidatedName {
        String get() throws SpfAbort;
    }

    String localPart() {
        return sender.substring(0, sender.lastIndexOf('@'));
    }

    String senderDomain() {
        return sender.substring(sender.lastIndexOf('@') + 1);
    }

    MacroContext withDomain(String d) {
        return new MacroContext(sender, d, ip, helo, receiver, timestamp, validatedName);
    }

    boolean ipv4() {
        return ip instanceof Inet4Address;
    }
}
