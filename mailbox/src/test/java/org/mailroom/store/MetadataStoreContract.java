package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link UserMetadata}: server and mailbox annotations, limits, and their life cycle. */
public abstract class MetadataStoreContract extends StoreContract {

    private static final Optional<MailboxName> SERVER = Optional.empty();

    private static Optional<byte[]> value(String s) {
        return Optional.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> text(Map<String, byte[]> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    private static Optional<MailboxName> box(String name) {
        return Optional.of(MailboxName.of(name));
    }

    @Test
    void serverAndMailboxEntriesAreKeptApartAndNamesLoseTheirCase() {
        Account a = user("alice@example.org");
        UserMetadata m = boxes(a).metadata();
        assertThat(m.set(SERVER, Map.of("/shared/Comment", value("server note")), 10)).isTrue();
        assertThat(m.set(box("INBOX"), Map.of("/private/comment", value("inbox note")), 10)).isTrue();
        assertThat(text(m.entries(SERVER))).containsExactly(Map.entry("/shared/comment", "server note"));
        assertThat(text(m.entries(box("INBOX")))).containsExactly(Map.entry("/private/comment", "inbox note"));
        assertThat(m.entries(box("Sent"))).isEmpty();
    }

    @Test
    void anEmptyValueRemovesTheEntryAndSettingAgainReplaces() {
        Account a = user("alice@example.org");
        UserMetadata m = boxes(a).metadata();
        m.set(SERVER, Map.of("/private/a", value("1"), "/private/b", value("2")), 10);
        m.set(SERVER, Map.of("/private/a", Optional.empty(), "/private/b", value("3")), 10);
        assertThat(text(m.entries(SERVER))).containsExactly(Map.entry("/private/b", "3"));
    }

    @Test
    void moreThanTheLimitChangesNothing() {
        Account a = user("alice@example.org");
        UserMetadata m = boxes(a).metadata();
        m.set(SERVER, Map.of("/private/a", value("1")), 2);
        assertThat(m.set(SERVER, Map.of("/private/b", value("2"), "/private/c", value("3")), 2)).isFalse();
        assertThat(text(m.entries(SERVER))).containsExactly(Map.entry("/private/a", "1"));
    }

    @Test
    void entriesAreOneAccountsOwn() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        boxes(a).metadata().set(SERVER, Map.of("/shared/comment", value("alice")), 10);
        boxes(a).metadata().set(box("INBOX"), Map.of("/shared/comment", value("alice")), 10);
        assertThat(boxes(b).metadata().entries(SERVER)).isEmpty();
        assertThat(boxes(b).metadata().entries(box("INBOX"))).isEmpty();
    }

    @Test
    void aMissingMailboxIsNotFound() {
        Account a = user("alice@example.org");
        assertThatThrownBy(() -> boxes(a).metadata().entries(box("Nope")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NOT_FOUND));
        assertThatThrownBy(() -> boxes(a).metadata().set(box("Nope"), Map.of("/private/x", value("1")), 10))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NOT_FOUND));
    }

    @Test
    void entriesFollowARenameAndGoWithTheMailbox() {
        Account a = user("alice@example.org");
        UserMailboxes boxes = boxes(a);
        boxes.create(MailboxName.of("Projects"), Optional.empty());
        boxes.metadata().set(box("Projects"), Map.of("/private/color", value("red")), 10);
        boxes.rename(MailboxName.of("Projects"), MailboxName.of("Done"));
        assertThat(text(boxes.metadata().entries(box("Done")))).containsExactly(Map.entry("/private/color", "red"));
        boxes.delete(MailboxName.of("Done"));
        boxes.create(MailboxName.of("Done"), Optional.empty());
        assertThat(boxes.metadata().entries(box("Done"))).isEmpty();
    }

    @Test
    void entriesGoWithTheAccount() {
        Account a = user("alice@example.org");
        boxes(a).metadata().set(SERVER, Map.of("/private/x", value("1")), 10);
        boxes(a).metadata().set(box("INBOX"), Map.of("/private/x", value("1")), 10);
        store.admin().removeAccount(a.address());
        Account again = user("alice@example.org");
        assertThat(boxes(again).metadata().entries(SERVER)).isEmpty();
        assertThat(boxes(again).metadata().entries(box("INBOX"))).isEmpty();
    }

    @Test
    void aChangeIsAnEventNamingTheMailboxAndTheEntries() {
        Account a = user("alice@example.org");
        boxes(a).metadata().set(SERVER, Map.of("/shared/Comment", value("x")), 10);
        boxes(a).metadata().set(box("INBOX"), Map.of("/private/b", value("1"), "/private/a", Optional.empty()), 10);
        assertThat(events).containsExactly(
                new MailboxEvent.MetadataChanged(a.id(), java.util.OptionalLong.empty(), java.util.List.of("/shared/comment")),
                new MailboxEvent.MetadataChanged(a.id(), java.util.OptionalLong.of(mailboxId(a, "INBOX")),
                        java.util.List.of("/private/a", "/private/b")));
    }

    @Test
    void aRefusedChangeIsNoEvent() {
        Account a = user("alice@example.org");
        boxes(a).metadata().set(SERVER, Map.of("/private/b", value("2"), "/private/c", value("3")), 1);
        assertThat(events).isEmpty();
    }
}
