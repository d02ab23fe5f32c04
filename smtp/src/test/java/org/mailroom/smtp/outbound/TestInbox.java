package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mailroom.store.Account;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/** The messages of an account's INBOX, as stored. */
final class TestInbox {

    private TestInbox() {
    }

    static List<String> of(MailStore store, Account account) {
        UserMailboxes boxes = store.mailboxes().of(account.id());
        long id = boxes.find(MailboxName.INBOX).orElseThrow().id();
        List<String> out = new ArrayList<>();
        for (MessageSummary m : boxes.messages(id, UidSet.ALL)) {
            try (InputStream in = boxes.openContent(id, m.uid())) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
