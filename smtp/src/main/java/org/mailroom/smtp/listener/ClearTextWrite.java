package org.mailroom.smtp.listener;

import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.filter.ssl.DisableEncryptWriteRequest;

/** A write that passes the TLS filter unencrypted: the 220 reply to STARTTLS (RFC 3207 §4). */
final class ClearTextWrite extends DefaultWriteRequest implements DisableEncryptWriteRequest {

    ClearTextWrite(Object message) {
        super(message);
    }
}
