/**
 * Server-side threading (RFC 5256 §4): ORDEREDSUBJECT and REFERENCES over envelopes and References
 * fields read from the stored header bytes, and the THREAD response's nested lists.
 */
package org.mailroom.imap.thread;
