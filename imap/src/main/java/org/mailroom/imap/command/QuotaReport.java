package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.mailroom.store.Quota;
import org.mailroom.store.QuotaUsage;

/**
 * The account's one quota root (RFC 9208 §3.2, "quota root"): every mailbox of the account counts
 * against the same limits, so there is one root, named by the empty string. Its resources are
 * STORAGE in units of 1024 octets (RFC 9208 §5.1) and MESSAGE (§5.2); a resource without a limit
 * (0 in {@link Quota}) is left out, and a root without any limited resource is not reported at all.
 */
final class QuotaReport {

    /** The name of the account's quota root. */
    static final String ROOT = "";

    private QuotaReport() {
    }

    /** Whether the account has any limit, i.e. whether its mailboxes have a quota root. */
    static boolean hasRoot(Quota quota) {
        return quota.maxBytes() > 0 || quota.maxMessages() > 0;
    }

    /** {@code quota-response = "QUOTA" SP astring SP quota-list} (RFC 9208 §4.2.1, §7). */
    static String response(Quota quota, QuotaUsage usage) {
        List<String> resources = new ArrayList<>();
        if (quota.maxBytes() > 0) {
            // Usage rounds up and the limit down: a client never sees room that is not there.
            resources.add("STORAGE " + ceilKib(usage.bytes()) + " " + quota.maxBytes() / 1024);
        }
        if (quota.maxMessages() > 0) {
            resources.add("MESSAGE " + usage.messages() + " " + quota.maxMessages());
        }
        return "QUOTA \"" + ROOT + "\" (" + String.join(" ", resources) + ")";
    }

    private static long ceilKib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
