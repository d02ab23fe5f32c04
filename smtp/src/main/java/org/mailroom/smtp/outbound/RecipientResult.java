package org.mailroom.smtp.outbound;

import java.util.Optional;
import org.mailroom.store.QueueStore.QueueEntry;

/**
 * What one attempt did for one queued recipient.
 *
 * @param status the RFC 3463 enhanced status code
 * @param reply the remote server's reply that decided it, when one did
 * @param reason one line saying what happened, when no reply tells it (a failed connection, a null MX)
 * @param remoteMta the server that answered, for the DSN's Remote-MTA field
 * @param dsnPassedOn whether the remote server took the DSN parameters (RFC 3461 §5.2.2): it then
 *     reports success itself
 */
record RecipientResult(QueueEntry entry, Kind kind, String status, Optional<SmtpReply> reply, String reason,
                       Optional<String> remoteMta, boolean dsnPassedOn) {

    enum Kind { DELIVERED, TEMPORARY, PERMANENT }

    static RecipientResult of(QueueEntry entry, SmtpReply reply, RemoteHost host, boolean dsn) {
        Kind kind = reply.isPositive() ? Kind.DELIVERED : reply.isTransient() ? Kind.TEMPORARY : Kind.PERMANENT;
        return new RecipientResult(entry, kind, reply.status(), Optional.of(reply), reply.toString(),
                Optional.of(host.name()), dsn);
    }

    static RecipientResult failed(QueueEntry entry, boolean permanent, String status, String reason,
                                  Optional<String> remoteMta) {
        return new RecipientResult(entry, permanent ? Kind.PERMANENT : Kind.TEMPORARY, status, Optional.empty(),
                reason, remoteMta, false);
    }

    /** The DSN's Diagnostic-Code (RFC 3464 §2.3.6): the SMTP reply, or our own words. */
    String diagnostic() {
        return reply.map(r -> "smtp; " + r).orElse("X-Mailroom; " + reason);
    }

    /** What a notice of this kind says about this recipient; a success notice has no diagnostic of its own. */
    DsnWriter.Recipient forNotice(DsnWriter.Action action) {
        String explanation = (reply.isPresent() ? "host " + remoteMta.orElse("?") + " said: " : "") + reason;
        Optional<String> diagnostic = reply.isPresent() || action != DsnWriter.Action.RELAYED
                ? Optional.of(diagnostic()) : Optional.empty();
        return new DsnWriter.Recipient(entry.recipient(), status, explanation, diagnostic, remoteMta);
    }
}
