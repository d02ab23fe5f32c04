package org.mailroom.store;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Message content held in memory, for tests. */
public record TestContent(byte[] bytes) implements MessageContent {

    public static TestContent of(String text) {
        return new TestContent(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A small well-formed message with this subject and body. */
    public static TestContent message(String subject, String body) {
        return of("From: a@example.org\r\nTo: b@example.com\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n");
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}
