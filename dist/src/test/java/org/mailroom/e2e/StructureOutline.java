package org.mailroom.e2e;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * A message's envelope and MIME structure as Jakarta Mail sees it, written out as comparable text.
 * Given an {@link IMAPMessage}, everything comes from the server's ENVELOPE and BODYSTRUCTURE
 * (nested messages included: Jakarta builds them from the nested envelope and structure); given a
 * {@link MimeMessage} parsed from the original octets, it is Jakarta's own MIME parser. The defaults
 * the IMAP server must spell out (RFC 9051 §7.5.2: Sender and Reply-To default to From, body type
 * text/plain with charset us-ascii, encoding 7bit) are applied to the parsed side so that equal means right.
 *
 * <p>Where Jakarta's parser departs from the RFCs the server follows, the parsed side is corrected:
 * a multipart without boundary is text/plain (RFC 2045 §5.2: an invalid Content-Type means the default;
 * Jakarta guesses a boundary), and a part without Content-Type in a multipart/digest is message/rfc822
 * (RFC 2046 §5.1.5; Jakarta says text/plain). Where Jakarta's IMAP side cannot report something the
 * server sends, it is left out on both: the route of an address (Jakarta discards the ENVELOPE's
 * at-domain-list) and a body part's Content-Language (IMAPBodyPart does not expose body-fld-lang).
 */
final class StructureOutline {

    private StructureOutline() {
    }

    static String of(Message message) throws MessagingException, IOException {
        StringBuilder out = new StringBuilder();
        envelope(message, out, "");
        part(message, out, "");
        return out.toString();
    }

    private static void envelope(Message message, StringBuilder out, String indent) throws MessagingException {
        MimeMessage m = (MimeMessage) message;
        boolean parsed = !(m instanceof IMAPMessage);
        Address[] from = m.getFrom();
        Address sender = m.getSender();
        Address[] replyTo = m.getReplyTo();
        if (parsed && sender == null && from != null && from.length > 0) {
            sender = from[0];
        }
        out.append(indent).append("date: ").append(m.getSentDate()).append('\n')
                .append(indent).append("subject: ").append(m.getSubject()).append('\n')
                .append(indent).append("from: ").append(addresses(from)).append('\n')
                .append(indent).append("sender: ").append(sender).append('\n')
                .append(indent).append("reply-to: ").append(addresses(replyTo)).append('\n')
                .append(indent).append("to: ").append(addresses(m.getRecipients(Message.RecipientType.TO))).append('\n')
                .append(indent).append("cc: ").append(addresses(m.getRecipients(Message.RecipientType.CC))).append('\n')
                .append(indent).append("bcc: ").append(addresses(m.getRecipients(Message.RecipientType.BCC)))
                .append('\n')
                .append(indent).append("in-reply-to: ").append(inReplyTo(m)).append('\n')
                .append(indent).append("message-id: ").append(m.getMessageID()).append('\n');
    }

    private static String inReplyTo(MimeMessage m) throws MessagingException {
        String value = m instanceof IMAPMessage imap ? imap.getInReplyTo() : m.getHeader("In-Reply-To", " ");
        return value == null ? null : MimeUtility.unfold(value).trim();
    }

    private static String addresses(Address[] list) throws MessagingException {
        if (list == null) {
            return "[]";
        }
        List<String> out = new ArrayList<>();
        for (Address a : list) {
            out.add(address((InternetAddress) a));
        }
        return out.toString();
    }

    /** One address as "personal <local@domain>", a group as "name: members;" (RFC 5322 §3.4). */
    private static String address(InternetAddress a) throws MessagingException {
        if (a.isGroup()) {
            String name = a.getAddress().substring(0, a.getAddress().indexOf(':')).trim();
            List<String> members = new ArrayList<>();
            for (InternetAddress member : a.getGroup(false)) {
                members.add(address(member));
            }
            return name + ": " + String.join(", ", members) + ";";
        }
        // The obsolete route "@relay,@gw:" (RFC 5322 §4.4) is dropped by Jakarta's ENVELOPE reader.
        String mailbox = a.getAddress() == null ? null : a.getAddress().replaceFirst("^@[^:]*:", "");
        return (a.getPersonal() == null ? "" : a.getPersonal() + " ") + "<" + mailbox + ">";
    }

    private static void part(Part p, StringBuilder out, String indent) throws MessagingException, IOException {
        part(p, out, indent, false);
    }

    private static void part(Part p, StringBuilder out, String indent, boolean inDigest)
            throws MessagingException, IOException {
        boolean parsed = !(p.getClass().getName().startsWith("org.eclipse.angus.mail.imap."));
        boolean defaulted = parsed && p.getHeader("Content-Type") == null;
        ContentType type = new ContentType(p.getContentType());
        if (parsed && defaulted && inDigest) {
            type = new ContentType("message/rfc822");
        } else if (parsed && type.match("multipart/*") && type.getParameter("boundary") == null) {
            type = new ContentType("text/plain; charset=us-ascii");
        }
        TreeMap<String, String> params = new TreeMap<>();
        for (var names = type.getParameterList() == null ? java.util.Collections.<String>emptyEnumeration()
                : type.getParameterList().getNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            String value = type.getParameter(name);
            boolean charset = name.equalsIgnoreCase("charset");
            params.put(name.toLowerCase(Locale.ROOT), charset ? value.toLowerCase(Locale.ROOT) : value);
        }
        if (defaulted && type.match("text/plain")) {
            params.putIfAbsent("charset", "us-ascii");
        }
        MimePart mime = (MimePart) p;
        String encoding = mime.getEncoding();
        out.append(indent).append(type.getBaseType().toLowerCase(Locale.ROOT)).append(' ').append(params)
                .append(" encoding=").append(encoding == null ? "7bit" : encoding.toLowerCase(Locale.ROOT))
                .append(" disposition=").append(lower(p.getDisposition()))
                .append(" filename=").append(p.getFileName())
                .append(" id=").append(mime.getContentID())
                .append(" description=").append(p.getDescription())
                .append(" md5=").append(mime.getContentMD5());
        if (p instanceof Message) {
            out.append(" language=").append(Arrays.toString(mime.getContentLanguage()));
        } else if (!type.match("multipart/*")) {
            // A multipart's BODYSTRUCTURE has no size; a message's size is RFC822.SIZE, not its body's.
            out.append(" size=").append(p.getSize());
        }
        out.append('\n');
        if (type.match("multipart/*")) {
            Multipart multipart = (Multipart) p.getContent();
            List<String> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                StringBuilder child = new StringBuilder();
                part(multipart.getBodyPart(i), child, indent + "  ", type.match("multipart/digest"));
                children.add(child.toString());
            }
            children.forEach(out::append);
        } else if (type.match("message/rfc822") || type.match("message/global")) {
            Object content = parsed && defaulted && inDigest
                    ? new MimeMessage(null, ((MimeBodyPart) p).getRawInputStream()) : p.getContent();
            if (content instanceof Message nested) {
                envelope(nested, out, indent + "  ");
                part(nested, out, indent + "  ");
            } else {
                out.append(indent).append("  (not a message: ").append(content.getClass().getSimpleName())
                        .append(")\n");
            }
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
