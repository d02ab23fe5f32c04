/**
 * The store on Apache Derby: {@link org.mailroom.store.derby.DerbyStore} and the network server the
 * admin CLI uses while the server runs.
 *
 * <p>How it keeps its promises:
 * <ul>
 *   <li>One transaction per operation ({@code Transactions}), READ COMMITTED, events published only
 *       after commit and outside every lock.</li>
 *   <li>Writers lock rows in one order — account, then mailboxes by id, then content rows by id — so
 *       that they queue instead of deadlocking; a deadlock victim is still retried.</li>
 *   <li>UIDs and MODSEQs come from one {@code UPDATE mailbox SET uidnext = uidnext + n, ...} in the
 *       writing transaction; quota usage is a counter on the account row, checked and charged by one
 *       conditional update.</li>
 *   <li>A mailbox's message count, unseen count and size are columns of its row, kept by triggers on
 *       the message table (V3) in the transaction of whatever statement adds, removes, moves or
 *       reflags a message, so that SELECT, STATUS and LIST read one row, never count messages.</li>
 *   <li>Content is a BLOB streamed in and out, stored once per delivery with a reference count, and
 *       deleted in the transaction that drops its last message or queue row.</li>
 *   <li>The POP3 maildrop lock lives in this JVM; a store shared by several processes (the
 *       PostgreSQL one DESIGN.md foresees) must take it in the database instead.</li>
 * </ul>
 */
package org.mailroom.store.derby;
