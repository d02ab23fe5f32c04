package org.mailroom.smtp.outbound;

/** Finds the mail exchangers of a domain (RFC 5321 §5.1). */
public interface MxResolver {

    /** The hosts to try for {@code domain}, best first, or why there are none. Never throws for DNS trouble. */
    Destination resolve(String domain);
}
