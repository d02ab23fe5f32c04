package org.mailroom.store.derby;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Times the store operations behind IMAP's SELECT, {@code UID FETCH 1:* (FLAGS)}, a fetch of a few
 * UIDs, a STORE and a resynchronisation after 10 changes, in one mailbox of 10,000 and then 100,000
 * messages. A benchmark, not a test: run it by hand (see {@code DeliveryThroughputBench} for the class
 * path).
 */
public final class LargeMailboxBench {

    private LargeMailboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mailroom-large-mailbox");
        try (DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"),
                DerbyCredential.loadOrCreate(dir.resolve("derby.credential")))) {
            store.admin().addDomain("bench.example");
            Account a = store.admin().addAccount(EmailAddress.parse("big@bench.example"), "h", "s", Quota.UNLIMITED);
            UserMailboxes boxes = store.mailboxes().of(a.id());
            long inbox = boxes.find(MailboxName.INBOX).orElseThrow().id();
            for (int i = 0; i < 100; i++) {
                boxes.append(MailboxName.INBOX, TestContent.message("message " + i, "body " + i),
                        i % 3 == 0 ? Flags.of(Flag.SEEN) : Flags.NONE, Instant.now());
            }
            for (int target : sizes) {
                grow(boxes, inbox, target);
                report(boxes, inbox);
            }
        }
    }

    /** Doubles the mailbox by copying it into itself (content is shared) until it holds {@code target}. */
    private static void grow(UserMailboxes boxes, long inbox, int target) {
        long count = boxes.find(MailboxName.INBOX).orElseThrow().messages();
        while (count < target) {
            List<MessageSummary> all = boxes.messages(inbox, UidSet.ALL);
            int take = (int) Math.min(all.size(), target - count);
            long last = all.get(take - 1).uid();
            boxes.copy(inbox, UidSet.of(new UidRange(all.get(0).uid(), last)), MailboxName.INBOX);
            count += take;
        }
    }

    private static void report(UserMailboxes boxes, long inbox) {
        MailboxInfo info = time("warm-up", () -> boxes.find(MailboxName.INBOX).orElseThrow());
        System.out.printf("%n%d messages, UIDNEXT %d%n", info.messages(), info.uidNext());
        for (int rep = 0; rep < 3; rep++) {
            time("SELECT: find (counts, unseen, UIDNEXT)", () -> boxes.find(MailboxName.INBOX).orElseThrow());
            time("UID FETCH 1:* (FLAGS): messages(ALL)", () -> boxes.messages(inbox, UidSet.ALL).size());
            long last = info.uidNext() - 1;
            time("UID FETCH last 10: messages(range)", () -> boxes.messages(inbox,
                    UidSet.of(new UidRange(last - 9, last))).size());
            long modSeq = boxes.find(MailboxName.INBOX).orElseThrow().highestModSeq();
            time("STORE 10 flags", () -> boxes.setFlags(inbox, UidSet.of(new UidRange(last - 9, last)),
                    FlagUpdate.add(Flags.of(Flag.FLAGGED)), OptionalLong.empty()).updated().size());
            time("resync: messages(ALL) filtered by MODSEQ", () -> boxes.messages(inbox, UidSet.ALL).stream()
                    .filter(m -> m.modSeq() > modSeq).count());
            time("resync: messagesChangedSince", () -> boxes.messagesChangedSince(inbox, UidSet.ALL, modSeq).size());
            time("resync: expungedSince", () -> boxes.expungedSince(inbox, modSeq).size());
            boxes.setFlags(inbox, UidSet.of(new UidRange(last - 9, last)),
                    FlagUpdate.remove(Flags.of(Flag.FLAGGED)), OptionalLong.empty());
        }
    }

    private static <T> T time(String what, Supplier<T> op) {
        long start = System.nanoTime();
        T result = op.get();
        System.out.printf("  %-45s %9.1f ms  (%s)%n", what, (System.nanoTime() - start) / 1e6,
                result instanceof MailboxInfo i ? i.messages() + " messages" : String.valueOf(result));
        return result;
    }
}
