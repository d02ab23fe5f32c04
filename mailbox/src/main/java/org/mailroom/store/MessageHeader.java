package org.mailroom.store;

import org.mailroom.mime.MessageStructure;

/**
 * What SORT, THREAD and SEARCH on header fields read of one message without its body: the structure
 * computed at delivery and, when asked for, the bytes of the top-level header (the per-copy lines
 * included, the blank line that ends the header too).
 *
 * @param header null unless the caller asked for the header bytes
 */
public record MessageHeader(long uid, MessageStructure structure, byte[] header) {
}
