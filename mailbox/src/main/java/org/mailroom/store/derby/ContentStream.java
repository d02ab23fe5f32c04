package org.mailroom.store.derby;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.mailroom.store.StoreException;

/**
 * A message streamed straight out of its BLOB: the stream keeps its pooled connection and open
 * transaction (a Derby BLOB is readable only inside the transaction that fetched it) until it is
 * closed, so callers must close it, as every {@code InputStream} wants anyway. A small message, most
 * of them, is read whole instead and its connection returned at once: a POP3 drain or an IMAP FETCH
 * then holds no pooled connection while it writes to a slow client.
 */
final class ContentStream extends FilterInputStream {

    /** Messages up to this size are read into memory and their transaction ended before they are sent. */
    static final int READ_AT_ONCE = 64 * 1024;

    /** Runs the query; returns a result set positioned on the row, or throws StoreException. */
    interface Query {
        ResultSet run(PreparedStatement ps) throws SQLException;
    }

    private final ConnectionPool pool;
    private final Connection connection;
    private final PreparedStatement statement;
    private boolean closed;

    private ContentStream(InputStream in, ConnectionPool pool, Connection connection, PreparedStatement statement) {
        super(in);
        this.pool = pool;
        this.connection = connection;
        this.statement = statement;
    }

    /**
     * Opens {@code sql}, whose row has the per-copy header prefix (bytes, or null for none) in column 1
     * and the content BLOB in column 2.
     */
    static InputStream open(Transactions tx, String what, String sql, Query query) {
        ConnectionPool pool = tx.pool();
        Connection c;
        try {
            c = pool.borrow();
        } catch (SQLException e) {
            throw Transactions.unavailable(what, e);
        }
        PreparedStatement ps = null;
        try {
            ps = c.prepareStatement(sql);
            ResultSet rs = query.run(ps);
            byte[] prefix = rs.getBytes(1);
            Blob blob = rs.getBlob(2);
            long length = blob.length();
            if (length <= READ_AT_ONCE) {
                // Read now, and the connection goes back to the pool before the client is written to.
                byte[] body = blob.getBytes(1, (int) length);
                ps.close();
                c.commit();
                pool.release(c, false);
                return withPrefix(prefix, new ByteArrayInputStream(body));
            }
            return new ContentStream(withPrefix(prefix, blob.getBinaryStream()), pool, c, ps);
        } catch (SQLException e) {
            abandon(pool, c, ps, Transactions.isFatal(e));
            throw Transactions.translate(what, e);
        } catch (RuntimeException e) {
            abandon(pool, c, ps, false);
            throw e;
        }
    }

    /** The copy's own header lines (Return-Path, Delivered-To), if any, before the shared content. */
    private static InputStream withPrefix(byte[] prefix, InputStream body) {
        return prefix == null || prefix.length == 0 ? body
                : new SequenceInputStream(new ByteArrayInputStream(prefix), body);
    }

    private static void abandon(ConnectionPool pool, Connection c, PreparedStatement ps, boolean broken) {
        boolean bad = broken;
        try {
            if (ps != null) {
                ps.close();
            }
            c.rollback();
        } catch (SQLException e) {
            bad = true;
        }
        pool.release(c, bad);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean broken = false;
        try {
            super.close();
        } catch (IOException e) {
            broken = true;
        }
        try {
            statement.close();
            connection.commit();
        } catch (SQLException e) {
            broken = true;
        }
        pool.release(connection, broken);
    }

    /** A query that found no row becomes this error. */
    static ResultSet single(ResultSet rs, Supplier<StoreException> ifNone) throws SQLException {
        if (!rs.next()) {
            rs.close();
            throw ifNone.get();
        }
        return rs;
    }
}
