/**
 * One class per SMTP command (STYLE.md §4), each with its grammar and its execution, registered in
 * {@link org.mailroom.smtp.command.CommandTable}. Policy lives here: relay and sender rules in MAIL and
 * RCPT, the unknown-recipient guard in RCPT, the hand-over to the delivery agent in MessageDelivery.
 */
package org.mailroom.smtp.command;
