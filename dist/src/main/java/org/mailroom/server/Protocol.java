package org.mailroom.server;

import java.util.Map;

/**
 * One protocol module, configured: its keys have been read and checked (so that an unknown key is
 * reported before anything starts), and its listener is built once the store is open.
 */
public interface Protocol {

    /** The ports it will bind, by configuration key; a port of 0 is a disabled listener. */
    Map<String, Integer> ports();

    /** Builds the listener over the composed server parts; nothing is bound until it is started. */
    Listener listener(ServerParts parts);
}
