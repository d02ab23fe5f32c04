/** One class per POP3 command, each with its parser and its execution, and the table of them all. */
package org.mailroom.pop3.command;
