package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;

/**
 * A delivery status notification read back with Jakarta Mail's own RFC 3464 classes (angus {@code dsn}):
 * the {@code multipart/report} content handler gives a {@link MultipartReport}, whose report part is a
 * {@link DeliveryStatus} with the per-message and per-recipient field blocks.
 */
public final class ParsedDsn {

    public final MimeMessage message;
    public final MultipartReport report;
    public final DeliveryStatus status;

    private ParsedDsn(MimeMessage message, MultipartReport report, DeliveryStatus status) {
        this.message = message;
        this.report = report;
        this.status = status;
    }

    /** Parses a stored notice (its Return-Path and Delivered-To fields included, as any header field). */
    public static ParsedDsn parse(String stored) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
        assertThat(m.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        Object content = m.getContent();
        assertThat(content).as("the multipart/report content handler of the dsn package").isInstanceOf(MultipartReport.class);
        MultipartReport report = (MultipartReport) content;
        assertThat(report.getCount()).isEqualTo(3);
        DeliveryStatus status = report.getDeliveryStatus();
        assertThat(status).as("a message/delivery-status part").isNotNull();
        return new ParsedDsn(m, report, status);
    }

    public String perMessage(String field) {
        return status.getMessageDSN().getHeader(field, null);
    }

    public int recipientCount() {
        return status.getRecipientDSNCount();
    }

    public InternetHeaders recipient(int i) {
        return status.getRecipientDSN(i);
    }

    /** The names of one recipient's fields, in order: what a strict reader would see. */
    public List<String> recipientFieldNames(int i) {
        List<String> names = new ArrayList<>();
        status.getRecipientDSN(i).getAllHeaders().asIterator().forEachRemaining(h -> names.add(h.getName()));
        return names;
    }

    public String humanReadable() throws MessagingException, IOException {
        return report.getText();
    }

    /** The returned message (RET=FULL), as bytes the report carries. */
    public String returnedMessage() throws MessagingException, IOException {
        MimeMessage returned = report.getReturnedMessage();
        assertThat(returned).as("a message/rfc822 part").isNotNull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        returned.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
