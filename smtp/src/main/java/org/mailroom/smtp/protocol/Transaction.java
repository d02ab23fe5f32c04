package org.mailroom.smtp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailroom.delivery.Envelope;
import org.mailroom.store.EmailAddress;

/**
 * One mail transaction (RFC 5321 §3.3): from MAIL to the end of DATA or of the last BDAT chunk.
 *
 * @param smtpUtf8 the SMTPUTF8 parameter (RFC 6531 §3.4)
 * @param returnHeadersOnly RET=HDRS (RFC 3461 §4.3)
 * @param envelopeId ENVID, as received in xtext (RFC 3461 §4.4)
 */
public final class Transaction {

    private final Optional<EmailAddress> sender;
    private final boolean smtpUtf8;
    private final boolean returnHeadersOnly;
    private final Optional<String> envelopeId;
    private final List<Envelope.Recipient> recipients = new ArrayList<>();
    private int refusedRecipients;
    private MessageSink content;
    private String contentId;

    public Transaction(Optional<EmailAddress> sender, boolean smtpUtf8, boolean returnHeadersOnly,
                       Optional<String> envelopeId) {
        this.sender = sender;
        this.smtpUtf8 = smtpUtf8;
        this.returnHeadersOnly = returnHeadersOnly;
        this.envelopeId = envelopeId;
    }

    public Optional<EmailAddress> sender() {
        return sender;
    }

    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    public List<Envelope.Recipient> recipients() {
        return List.copyOf(recipients);
    }

    public int recipientCount() {
        return recipients.size();
    }

    public void addRecipient(Envelope.Recipient r) {
        recipients.add(r);
    }

    public void recipientRefused() {
        refusedRecipients++;
    }

    public int refusedRecipients() {
        return refusedRecipients;
    }

    public Envelope envelope() {
        return new Envelope(sender, recipients, envelopeId, returnHeadersOnly);
    }

    /** The content received so far by BDAT chunks (RFC 3030), spanning commands. */
    public Optional<MessageSink> content() {
        return Optional.ofNullable(content);
    }

    /** The queue id given to the content when its first chunk came. */
    public String contentId() {
        return contentId;
    }

    public void setContent(MessageSink sink, String id) {
        content = sink;
        contentId = id;
    }

    /** Discards any content received (RSET, a new EHLO, a closed connection). */
    public void discard() {
        if (content != null) {
            try {
                content.close();
            } catch (java.io.IOException e) {
                // a spool file that cannot be deleted is reported by the spool itself; nothing to add
            }
            content = null;
        }
    }
}
