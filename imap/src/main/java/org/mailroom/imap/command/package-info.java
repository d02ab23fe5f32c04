/**
 * One class per IMAP command, each with its grammar in Javadoc, its parser and its execution; the
 * UID form of a command is the same class built with {@code byUid}. {@link
 * org.mailroom.imap.command.CommandTable} lists them all.
 */
package org.mailroom.imap.command;
