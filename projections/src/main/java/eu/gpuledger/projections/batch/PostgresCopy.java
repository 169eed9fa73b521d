package eu.gpuledger.projections.batch;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * Appends rows to a table with PostgreSQL's {@code COPY ... FROM STDIN} on the current transaction's connection:
 * one statement for any number of rows, parsed by the server far faster than as many single-row inserts. Used for
 * the append-only journal, live and in rebuilds alike.
 */
public final class PostgresCopy {

    private static final int SEND_CHARS = 256 * 1024;

    private PostgresCopy() {
    }

    /** Copies the rows {@code filler} appends into {@code columns} of {@code table}, in the current transaction. */
    public static void into(DSLContext sql, String table, List<String> columns, Consumer<Rows> filler) {
        String copy = "COPY " + SqlNames.quoted(table) + " ("
                + String.join(", ", columns.stream().map(SqlNames::quoted).toList()) + ") FROM STDIN";
        sql.connection(connection -> {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
            try {
                Rows rows = new Rows(in, columns.size());
                filler.accept(rows);
                rows.send();
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        });
    }

    /** Rows in COPY's text format: values separated by tabs, rows by newlines, backslash escapes, \N for null. */
    public static final class Rows {

        private final CopyIn in;
        private final int columns;
        private final StringBuilder text = new StringBuilder(SEND_CHARS + 4096);
        private int column;

        private Rows(CopyIn in, int columns) {
            this.in = in;
            this.columns = columns;
        }

        public Rows text(String value) {
            separate();
            if (value == null) {
                text.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
            return this;
        }

        public Rows number(long value) {
            separate();
            text.append(value);
            return this;
        }

        /** An exact decimal, never in scientific notation. */
        public Rows decimal(BigDecimal value) {
            separate();
            text.append(value == null ? "\\N" : value.toPlainString());
            return this;
        }

        /** A date, a boolean or an integer: whatever PostgreSQL reads back from Java's own text form; null for \N. */
        public Rows plain(Object value) {
            if (!(value == null || value instanceof LocalDate || value instanceof Boolean || value instanceof Integer
                    || value instanceof Long)) {
                throw new IllegalArgumentException("not a plain value: " + value.getClass().getName());
            }
            separate();
            text.append(value == null ? "\\N" : value.toString());
            return this;
        }

        /** An instant in ISO-8601 UTC, which timestamptz reads exactly to the microsecond. */
        public Rows instant(Instant value) {
            separate();
            text.append(value == null ? "\\N" : value.toString());
            return this;
        }

        public void endRow() {
            if (column != columns) {
                throw new IllegalStateException("a row of " + columns + " columns got " + column + " values");
            }
            text.append('\n');
            column = 0;
            if (text.length() >= SEND_CHARS) {
                send();
            }
        }

        private void separate() {
            if (column++ > 0) {
                text.append('\t');
            }
        }

        private void send() {
            if (column != 0) {
                throw new IllegalStateException("a row was left unfinished");
            }
            if (text.isEmpty()) {
                return;
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            try {
                in.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException failure) {
                throw new org.jooq.exception.DataAccessException("COPY failed: " + failure.getMessage(), failure);
            }
            text.setLength(0);
        }
    }
}
