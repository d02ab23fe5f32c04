package org.mailroom.imap.search;

import java.util.List;
import org.mailroom.store.MessageSummary;

/**
 * The order of an updating SORT context (RFC 5267 §4.3.2: "servers MUST generate ADDTO and
 * REMOVEFROM responses such that the results are maintained in the requested order").
 */
public interface ResultOrder {

    /** Reads what ordering these messages needs (their sort keys), before they are compared. */
    void learn(List<MessageSummary> messages);

    /** Compares two learnt messages in the requested order. */
    int compare(long uidA, long uidB);

    /** The message left the results; its keys may be dropped. */
    void forget(long uid);
}
