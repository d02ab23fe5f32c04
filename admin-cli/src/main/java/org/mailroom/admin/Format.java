package org.mailroom.admin;

import java.util.Locale;
import org.mailroom.store.Quota;
import org.mailroom.store.QuotaUsage;

/** Sizes and limits as an administrator reads them. */
public final class Format {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Format() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 GiB}: binary multiples, as the configuration's sizes. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    public static String storageLimit(long maxBytes) {
        return maxBytes == 0 ? "unlimited" : bytes(maxBytes);
    }

    public static String messageLimit(long maxMessages) {
        return maxMessages == 0 ? "unlimited" : Long.toString(maxMessages);
    }

    /** {@code 3.4 MiB of 2.0 GiB (0%)}, or {@code 3.4 MiB (no limit)}. */
    public static String storageUse(QuotaUsage used, Quota quota) {
        if (quota.maxBytes() == 0) {
            return bytes(used.bytes()) + " (no limit)";
        }
        return bytes(used.bytes()) + " of " + bytes(quota.maxBytes()) + " (" + percent(used.bytes(), quota.maxBytes()) + ")";
    }

    public static String messageUse(QuotaUsage used, Quota quota) {
        if (quota.maxMessages() == 0) {
            return used.messages() + " (no limit)";
        }
        return used.messages() + " of " + quota.maxMessages() + " (" + percent(used.messages(), quota.maxMessages()) + ")";
    }

    private static String percent(long part, long whole) {
        return (part * 100 / whole) + "%";
    }

    public static String plural(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
