/**
 * FETCH's data items (RFC 9051 §6.4.5, §7.5.2, BINARY RFC 3516) answered from the structure computed
 * at delivery: ENVELOPE and BODYSTRUCTURE writers, and sections located by stored byte ranges and
 * streamed from the store.
 */
package org.mailroom.imap.fetch;
