package org.mailroom.config;

import java.net.BindException;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Turns a listener's failure to bind into the one line an administrator can act on: which key, which
 * port, what is wrong and how to fix it (in plain ASCII: the console may not speak UTF-8). The JDK
 * reports the operating system's error only as text ("Address already in use", "Permission denied",
 * "Cannot assign requested address"), and MINA wraps it in its own exceptions, so the cause chain is
 * searched and the text matched.
 */
public final class BindErrors {

    private BindErrors() {
    }

    /**
     * @param key the configuration key of the port, e.g. {@code smtp.port}
     * @param address the address the listener tried to bind
     * @param port the port it tried to bind
     * @param failure what the bind threw
     */
    public static ConfigException explain(String key, InetAddress address, int port, Throwable failure) {
        String what = key + " " + port + ": ";
        String os = osMessage(failure).toLowerCase(Locale.ROOT);
        if (os.contains("already in use")) {
            return new ConfigException(what + "address already in use - another program listens there;"
                    + " stop it or choose another port", failure);
        }
        if (os.contains("permission denied") || os.contains("access denied")) {
            return new ConfigException(what + "needs root or CAP_NET_BIND_SERVICE (the systemd unit grants it)"
                    + " - or use a port above 1023", failure);
        }
        if (os.contains("cannot assign requested address")) {
            return new ConfigException(what + "cannot listen on " + address.getHostAddress()
                    + " - it is not an address of this machine; check bind.address", failure);
        }
        return new ConfigException(what + "cannot listen on " + address.getHostAddress() + ": "
                + (os.isEmpty() ? failure.getClass().getSimpleName() : osMessage(failure)), failure);
    }

    /** The message of the innermost {@link BindException}, else of the innermost cause that has one. */
    private static String osMessage(Throwable failure) {
        String bind = null;
        String any = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                any = t.getMessage();
                if (t instanceof BindException) {
                    bind = t.getMessage();
                }
            }
        }
        return bind != null ? bind : any != null ? any : "";
    }
}
