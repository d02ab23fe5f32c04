package org.mailroom.pop3.mina;

/** Work sent down the chain to run in the session's turn on the ordered executor (a delayed reply, shutdown). */
record Deferred(Runnable task) {
}
