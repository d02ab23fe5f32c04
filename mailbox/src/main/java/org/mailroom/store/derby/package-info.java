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
 *   <li>Content is a BLOB streamed in and out, stored once per delivery with a reference count, and
 *       deleted in the transaction that drops its last message or queue row.</li>
 *   <li>The POP3 maildrop lock lives in this JVM; a store shared by several processes (the
 *       PostgreSQL one DESIGN.md foresees) must take it in the database instead.</li>
 * </ul>
 */
package org.mailroom.store.derby;
