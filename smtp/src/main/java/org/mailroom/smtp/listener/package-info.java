/**
 * The MINA side: the {@link org.mailroom.smtp.listener.SmtpIoHandler} adapter, the connection the
 * protocol core talks to, and the filter that tells clear text from decrypted input around STARTTLS.
 */
package org.mailroom.smtp.listener;
