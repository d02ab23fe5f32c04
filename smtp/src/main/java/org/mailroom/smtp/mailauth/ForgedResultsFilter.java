package org.mailroom.smtp.mailauth;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import org.mailroom.smtp.mailauth.dkim.HeaderField;
import org.mailroom.smtp.mailauth.dkim.MessageHeader;

/**
 * The message as it is to be stored: our Authentication-Results field first, then the message without
 * any arriving Authentication-Results field that claims our authserv-id (RFC 8601 §5: such a field is
 * a forgery, and MUST be removed before ours is added). The header is rewritten in memory (bounded, as
 * {@link MessageHeader} reads it); the body streams through untouched.
 */
public final class ForgedResultsFilter {

    private ForgedResultsFilter() {
    }

    public static InputStream withResults(AuthenticationResults results, String authservId, InputStream message)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(message, 64 * 1024);
        MessageHeader header = MessageHeader.read(in);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes(results.header().getBytes(StandardCharsets.US_ASCII));
        for (HeaderField f : header.fields()) {
            if (!AuthenticationResults.claimsOurs(f.raw(), authservId)) {
                head.writeBytes(f.raw().getBytes(StandardCharsets.ISO_8859_1));
                head.writeBytes(new byte[] {'\r', '\n'});
            }
        }
        head.writeBytes(new byte[] {'\r', '\n'});
        return new SequenceInputStream(new ByteArrayInputStream(head.toByteArray()), in);
    }
}
