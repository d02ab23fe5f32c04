/**
 * The outbound queue: delivery of queued remote recipients to other mail servers.
 *
 * <p>{@link org.mailroom.smtp.outbound.QueueRunner} scans the store's queue for due entries, groups the
 * recipients of one message by destination domain, and hands each group to a delivery worker.
 * {@code Router} chooses the hosts (a static route, the smarthost, or the MX hosts that
 * {@link org.mailroom.smtp.outbound.DnsMxResolver} finds), {@code RemoteDelivery} holds the SMTP
 * dialogue over a {@code SmtpClient} connection, and the runner records each recipient's outcome:
 * removed when delivered, deferred along the retry schedule, or failed with an RFC 3464 notice that
 * {@code Notices} hands to the delivery agent from the null sender.
 *
 * <p>{@link org.mailroom.smtp.outbound.Bounces} lends the same notices to the SMTP server, for recipients
 * that the delivery refused after the message had been accepted with 250.
 *
 * <p>Nothing here changes a queue entry before its attempt has ended, so an interrupted attempt leaves
 * the entry due. Tests talk only to loopback: a DNS stub and SMTP sinks bound to 127.0.0.x.
 */
package org.mailroom.smtp.outbound;
