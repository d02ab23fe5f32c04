package org.mailroom.imap.command;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailroom.imap.fetch.FetchItem;
import org.mailroom.store.MailboxName;

/**
 * A parsed {@code NOTIFY SET} (RFC 5465 §3.1, §8): event groups, each a mailbox filter with the
 * events wanted for the mailboxes it covers.
 *
 * @param status send STATUS for every mailbox covered right away (the STATUS indicator, §3.1)
 */
record NotifySpec(boolean status, List<Group> groups) {

    /** filter-mailboxes (RFC 5465 §6). */
    enum Filter { SELECTED, SELECTED_DELAYED, INBOXES, PERSONAL, SUBSCRIBED, SUBTREE, MAILBOXES }

    /** The events this server can tell (RFC 5465 §5); AnnotationChange (RFC 5257) it cannot. */
    enum Event {
        MESSAGE_NEW("MessageNew"), MESSAGE_EXPUNGE("MessageExpunge"), FLAG_CHANGE("FlagChange"),
        MAILBOX_NAME("MailboxName"), SUBSCRIPTION_CHANGE("SubscriptionChange"),
        MAILBOX_METADATA_CHANGE("MailboxMetadataChange"), SERVER_METADATA_CHANGE("ServerMetadataChange");

        final String wire;

        Event(String wire) {
            this.wire = wire;
        }
    }

    /**
     * @param mailboxes the names of SUBTREE and MAILBOXES, else empty
     * @param fetch what MessageNew sends of each new message in the selected mailbox (§5.2), maybe nothing
     */
    record Group(Filter filter, List<MailboxName> mailboxes, Set<Event> events, List<FetchItem> fetch) {

        boolean selected() {
            return filter == Filter.SELECTED || filter == Filter.SELECTED_DELAYED;
        }

        /** Whether this group covers a mailbox other than the selected one (§6). */
        boolean covers(MailboxName name, Set<MailboxName> subscribed) {
            return switch (filter) {
                case SELECTED, SELECTED_DELAYED -> false;
                case INBOXES -> name.isInbox(); // the only mailbox delivery files into by default
                case PERSONAL -> true;
                case SUBSCRIBED -> subscribed.contains(name);
                case SUBTREE -> mailboxes.stream().anyMatch(m -> name.equals(m) || name.isDescendantOf(m));
                case MAILBOXES -> mailboxes.contains(name);
            };
        }
    }

    /** The group that decides for a mailbox other than the selected one: the first that covers it. */
    Optional<Group> groupFor(MailboxName name, Set<MailboxName> subscribed) {
        return groups.stream().filter(g -> g.covers(name, subscribed)).findFirst();
    }

    /** Whether a group other than the selected one asks for ServerMetadataChange (RFC 5465 §5.9). */
    boolean wantsServerMetadata() {
        return groups.stream().anyMatch(g -> !g.selected() && g.events().contains(Event.SERVER_METADATA_CHANGE));
    }

    Optional<Group> selectedGroup() {
        return groups.stream().filter(Group::selected).findFirst();
    }
}
