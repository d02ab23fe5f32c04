package org.mailroom.mime;

import java.util.Locale;
import java.util.Objects;

/** A Content-Type: type and subtype in lower case (RFC 2045 §5.1 makes them case-insensitive), parameters as written. */
public record MediaType(String type, String subtype, Parameters parameters) {

    /** RFC 2045 §5.2: what a part without a valid Content-Type is. */
    public static final MediaType TEXT_PLAIN = new MediaType("text", "plain", Parameters.of("charset", "us-ascii"));

    /** RFC 2046 §5.1.5: the default inside multipart/digest. */
    public static final MediaType MESSAGE_RFC822 = new MediaType("message", "rfc822", Parameters.NONE);

    /** RFC 2046 §4.5.1: what an opaque part is presented as. */
    public static final MediaType OCTET_STREAM = new MediaType("application", "octet-stream", Parameters.NONE);

    public MediaType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        Objects.requireNonNull(parameters);
    }

    public boolean is(String type, String subtype) {
        return this.type.equals(type) && this.subtype.equals(subtype);
    }

    public boolean isMultipart() {
        return type.equals("multipart");
    }

    public boolean isText() {
        return type.equals("text");
    }

    /** message/rfc822 or its internationalised sibling message/global (RFC 6532 §3.7). */
    public boolean isEmbeddedMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    @Override
    public String toString() {
        return type + "/" + subtype;
    }
}
