package org.mailroom.pop3;

import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.mailroom.auth.Authenticator;
import org.mailroom.store.MaildropStore;

/**
 * What the POP3 servers use: the shared authenticator (with its throttling), the store's maildrop
 * view (the narrow port POP3 needs, STYLE.md §2) and the TLS context for STLS and port 995.
 */
public record Pop3Services(Authenticator authenticator, MaildropStore maildrops, SSLContext tls) {

    public Pop3Services {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(maildrops, "maildrops");
        Objects.requireNonNull(tls, "tls");
    }
}
