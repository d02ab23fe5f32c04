package org.mailroom.smtp.mailauth.dmarc;

import java.util.Locale;
import java.util.Optional;
import org.mailroom.smtp.mailauth.dkim.TagList;

/** A DMARC policy record (RFC 7489 §6.3): p, sp, pct, adkim, aspf; other tags are not needed here. */
public record DmarcRecord(Policy policy, Optional<Policy> subdomainPolicy, int percent, boolean strictDkim,
                          boolean strictSpf) {

    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Policy parse(String s) {
            return Policy.valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** Whether a TXT record is a DMARC record (§6.6.3: starts with "v=DMARC1"). */
    public static boolean isDmarc(String txt) {
        return txt.matches("(?s)v[ \t]*=[ \t]*DMARC1[ \t]*(;.*)?");
    }

    public static DmarcRecord parse(String txt) {
        TagList tags = TagList.parse(txt);
        Policy p;
        try {
            p = Policy.parse(tags.require("p"));
        } catch (IllegalArgumentException e) {
            // §6.6.3 step 6: an invalid or missing p= with a valid rua= is taken as p=none; without rua= the
            // record is not usable.
            if (tags.get("rua").isPresent()) {
                p = Policy.NONE;
            } else {
                throw e;
            }
        }
        Optional<Policy> sp = tags.get("sp").flatMap(v -> {
            try {
                return Optional.of(Policy.parse(v));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        int pct = 100;
        String pv = tags.get("pct").orElse("100");
        if (pv.matches("[0-9]{1,3}") && Integer.parseInt(pv) <= 100) {
            pct = Integer.parseInt(pv);
        }
        boolean adkim = tags.get("adkim").orElse("r").equalsIgnoreCase("s");
        boolean aspf = tags.get("aspf").orElse("r").equalsIgnoreCase("s");
        return new DmarcRecord(p, sp, pct, adkim, aspf);
    }
}
