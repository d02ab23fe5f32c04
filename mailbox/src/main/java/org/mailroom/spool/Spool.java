package org.mailroom.spool;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mailroom.store.MessageContent;

/**
 * A received message held for as long as it takes to parse and store it: its first octets in heap,
 * the rest (if any) in a private temporary file, readable any number of times. Closing it deletes
 * the file. Made by {@link SpoolWriter#finish()}.
 */
public final class Spool implements MessageContent, AutoCloseable {

    private final byte[] head;
    private final long size;
    private volatile Path file;
    private volatile boolean closed;

    Spool(byte[] head, Path file, long size) {
        this.head = head;
        this.file = file;
        this.size = size;
    }

    /** A spool of bytes already in memory, for tests and small internal messages. */
    public static Spool of(byte[] content) {
        return new Spool(content.clone(), null, content.length);
    }

    @Override
    public long size() {
        return size;
    }

    /** Whether part of the content lives on disk. */
    public boolean isOnDisk() {
        return file != null;
    }

    @Override
    public InputStream open() throws IOException {
        if (closed) {
            throw new IOException("spool closed");
        }
        InputStream first = new ByteArrayInputStream(head);
        Path f = file;
        if (f == null) {
            return first;
        }
        return new SequenceInputStream(first, Files.newInputStream(f));
    }

    /** Deletes the temporary file; streams already open may fail afterwards. */
    @Override
    public void close() throws IOException {
        closed = true;
        Path f = file;
        file = null;
        if (f != null) {
            Files.deleteIfExists(f);
        }
    }
}
