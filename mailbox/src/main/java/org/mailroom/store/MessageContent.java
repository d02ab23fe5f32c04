package org.mailroom.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a message, readable more than once (to compute its structure, then to store it)
 * without holding a large message in heap. A spool of DATA, BDAT or APPEND is one.
 */
public interface MessageContent {

    /** The exact number of bytes {@link #open()} yields. */
    long size();

    /** A fresh stream over the whole content, from its first byte. */
    InputStream open() throws IOException;
}
