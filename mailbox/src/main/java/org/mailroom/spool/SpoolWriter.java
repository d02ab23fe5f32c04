package org.mailroom.spool;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Receives a message body (DATA, BDAT, an APPEND literal) of unknown length with bounded memory:
 * the first {@code memoryLimit} octets stay in heap, the rest goes to a temporary file readable only
 * by the owner. Past {@code maxSize} octets are counted but discarded, so that the protocol can read
 * the whole transfer to its end and then refuse it ({@link #isOverLimit()}).
 *
 * <p>{@link #finish()} hands the content over as a {@link Spool}; closing the writer without
 * finishing deletes whatever was written.
 */
public final class SpoolWriter extends OutputStream {

    /** Heap kept per message before spilling to disk, unless told otherwise. */
    public static final int DEFAULT_MEMORY_LIMIT = 256 * 1024;

    private final Path directory;
    private final int memoryLimit;
    private final long maxSize;
    private byte[] head = new byte[1024];
    private int headLength;
    private Path file;
    private OutputStream tail;
    private long written;
    private boolean closed;

    /**
     * @param directory where the temporary file goes if the content outgrows {@code memoryLimit}
     * @param memoryLimit octets kept in heap
     * @param maxSize the largest content accepted
     */
    public SpoolWriter(Path directory, int memoryLimit, long maxSize) {
        if (memoryLimit < 0 || maxSize < 0) {
            throw new IllegalArgumentException("negative limit");
        }
        this.directory = directory;
        this.memoryLimit = memoryLimit;
        this.maxSize = maxSize;
    }

    public SpoolWriter(Path directory, long maxSize) {
        this(directory, DEFAULT_MEMORY_LIMIT, maxSize);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("spool writer closed");
        }
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long keep = Math.max(0, Math.min(len, maxSize - written));
        written += len;
        int k = (int) keep;
        int toHead = Math.min(k, memoryLimit - headLength);
        if (toHead > 0) {
            if (headLength + toHead > head.length) {
                head = Arrays.copyOf(head, (int) Math.min(memoryLimit, Math.max(headLength + toHead, 2L * head.length)));
            }
            System.arraycopy(b, off, head, headLength, toHead);
            headLength += toHead;
        }
        if (k > toHead) {
            if (tail == null) {
                file = SpoolFiles.createPrivateFile(directory);
                tail = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            }
            tail.write(b, off + toHead, k - toHead);
        }
    }

    /** Octets offered so far, including those discarded past the limit. */
    public long bytesWritten() {
        return written;
    }

    public boolean isOverLimit() {
        return written > maxSize;
    }

    /**
     * Ends the writing and returns the content, which the caller must close.
     *
     * @throws SpoolLimitExceededException if more than the maximum size was written; the partial
     *     content is deleted
     */
    public Spool finish() throws IOException {
        if (closed) {
            throw new IOException("spool writer closed");
        }
        if (isOverLimit()) {
            close();
            throw new SpoolLimitExceededException(maxSize, written);
        }
        closed = true;
        if (tail != null) {
            tail.close();
        }
        Spool spool = new Spool(Arrays.copyOf(head, headLength), file, written);
        head = null;
        file = null;
        return spool;
    }

    /** Discards the content unless {@link #finish()} has handed it over. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        head = null;
        try {
            if (tail != null) {
                tail.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
                file = null;
            }
        }
    }
}
