package org.mailroom.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.StoreException;
import org.mailroom.store.UserMailboxes;

/**
 * The octets a {@link MessageUrl} names, as FETCH BODY.PEEK[section]&lt;partial&gt; would return them
 * (RFC 4469 §3: "as if the literal returned in a FETCH BODY response were put in place"), copied
 * unchanged and without setting \Seen.
 */
public final class UrlContent {

    private UrlContent() {
    }

    /** Why a URL cannot be used: the reply names it in {@code [BADURL]} (RFC 4469 §4.1). */
    public static final class BadUrl extends Exception {

        private static final long serialVersionUID = 1L;

        public BadUrl(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Writes what {@code url} names to {@code out} and returns the number of octets written, or writes
     * nothing and returns -1 if that would be more than {@code room}.
     *
     * @throws BadUrl if the mailbox, UIDVALIDITY, message or part does not exist
     */
    public static long copy(UserMailboxes store, MessageUrl url, OutputStream out, long room) throws BadUrl, IOException {
        MailboxInfo box = store.find(url.mailbox()).orElseThrow(() -> new BadUrl("no such mailbox"));
        if (url.uidValidity().isPresent() && url.uidValidity().getAsLong() != box.uidValidity()) {
            throw new BadUrl("UIDVALIDITY has changed");
        }
        MessageStructure st;
        try {
            st = store.structure(box.id(), url.uid());
        } catch (StoreException e) {
            throw new BadUrl("no such message");
        }
        Section s = url.section();
        if (s.part().length > 0 && st.section(s.part()) == null) {
            throw new BadUrl("no such part");
        }
        SectionContent.Range r = SectionContent.locate(st, s, store, box.id(), url.uid());
        long total = r.length();
        long from = url.partialOffset() < 0 ? 0 : Math.min(url.partialOffset(), total);
        long count = url.partialLength() < 0 ? total - from : Math.min(url.partialLength(), total - from);
        if (count > room) {
            return -1;
        }
        if (r.computed() != null) {
            out.write(r.computed(), (int) from, (int) count);
            return count;
        }
        if (count == 0) {
            return 0;
        }
        try (InputStream in = SectionContent.open(store, box.id(), url.uid(), r.start() + from, r.start() + from + count)) {
            return in.transferTo(out);
        }
    }
}
