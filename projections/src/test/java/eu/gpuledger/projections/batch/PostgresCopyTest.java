package eu.gpuledger.projections.batch;

import eu.gpuledger.projections.support.ReadModelDatabase;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/** Values written by binary COPY read back exactly as the same values bound as parameters of an INSERT. */
class PostgresCopyTest {

    private static final List<Field<?>> COLUMNS = List.of(field(name("label"), SQLDataType.VARCHAR),
            field(name("n8"), SQLDataType.BIGINT), field(name("n4"), SQLDataType.INTEGER),
            field(name("t"), SQLDataType.VARCHAR), field(name("flag"), SQLDataType.BOOLEAN),
            field(name("d"), SQLDataType.LOCALDATE), field(name("at"), SQLDataType.INSTANT),
            field(name("amount"), SQLDataType.NUMERIC));

    private static DSLContext sql;

    @BeforeAll
    static void database() {
        sql = ReadModelDatabase.create();
    }

    private record Row(String label, long n8, int n4, String text, boolean flag, LocalDate day, Instant at,
                       BigDecimal amount) {
    }

    @Test
    void every_type_the_projections_copy_reads_back_as_if_inserted() {
        sql.execute("CREATE TABLE copy_check (label VARCHAR(40), n8 BIGINT, n4 INTEGER, t VARCHAR(200),"
                + " flag BOOLEAN, d DATE, at TIMESTAMPTZ, amount NUMERIC)");
        List<Row> rows = List.of(
                new Row("zero", 0, 0, "", false, LocalDate.of(2000, 1, 1), Instant.parse("2000-01-01T00:00:00Z"),
                        new BigDecimal("0.000")),
                new Row("ordinary", 7_200L * 4, 25, "allocation:jz-2026-a100", true, LocalDate.of(2026, 3, 29),
                        Instant.parse("2026-03-29T01:59:59.123456Z"), new BigDecimal("2.750000000")),
                new Row("extremes", Long.MIN_VALUE, Integer.MAX_VALUE, "é€ tab\there \\ \"quoted\"", false,
                        LocalDate.of(1970, 1, 1), Instant.parse("1969-12-31T23:59:59.999999Z"),
                        new BigDecimal("-12345678901234567890.00012345678900")),
                new Row("rounding", Long.MAX_VALUE, Integer.MIN_VALUE, null, true, LocalDate.of(9999, 12, 31),
                        Instant.parse("2026-01-01T00:00:00.000000500Z"), new BigDecimal("1E+7")),
                new Row("small", 1, -1, "x", false, LocalDate.of(1999, 12, 31), Instant.parse("1999-12-31T23:59:59Z"),
                        new BigDecimal("0.00000005")),
                new Row("half-odd", 2, 2, "y", true, LocalDate.of(2026, 11, 24),
                        Instant.parse("2026-11-24T00:00:00.000001500Z"), new BigDecimal("-0.5")),
                new Row("above-half", 3, 3, "z", true, LocalDate.of(2026, 11, 24),
                        Instant.parse("2026-11-24T00:00:00.000000501Z"), new BigDecimal("100000000.0001")),
                // the largest digits encoded in a long (2⁵² - 1, padded by 10³), and the smallest that are not
                new Row("long-digits", 4, 4, "l", true, LocalDate.of(2026, 11, 24),
                        Instant.parse("2026-11-24T00:00:00Z"), new BigDecimal("-450359962737049.5")),
                new Row("big-digits", 5, 5, "b", true, LocalDate.of(2026, 11, 24),
                        Instant.parse("2026-11-24T00:00:00Z"), new BigDecimal("450359962737049.6")));
        sql.transaction(transaction -> PostgresCopy.into(transaction.dsl(), table(name("copy_check")), COLUMNS,
                copy -> rows.forEach(row -> copy.text(row.label()).int8(row.n8()).int4(row.n4()).text(row.text())
                        .bool(row.flag()).date(row.day()).timestamp(row.at()).numeric(row.amount()).endRow())));
        for (Row row : rows) {
            sql.execute("INSERT INTO copy_check VALUES (?, ?, ?, ?, ?, ?::date, ?::timestamptz, ?::numeric)",
                    row.label() + "-inserted", row.n8(), row.n4(), row.text(), row.flag(), row.day().toString(),
                    row.at().toString(), row.amount().toString());
        }

        for (Row row : rows) {
            String copied = sql.fetchSingle("SELECT (n8, n4, t, flag, d, at, amount)::text FROM copy_check"
                    + " WHERE label = ?", row.label()).get(0, String.class);
            String inserted = sql.fetchSingle("SELECT (n8, n4, t, flag, d, at, amount)::text FROM copy_check"
                    + " WHERE label = ?", row.label() + "-inserted").get(0, String.class);
            assertThat(copied).as(row.label()).isEqualTo(inserted);
        }
        sql.execute("DROP TABLE copy_check");
    }

    @Test
    void a_row_with_a_value_missing_is_refused_before_it_is_sent() {
        sql.execute("CREATE TABLE copy_short (a BIGINT, b BIGINT)");
        assertThatThrownBy(() -> sql.transaction(transaction -> PostgresCopy.into(transaction.dsl(),
                table(name("copy_short")), List.of(field(name("a"), SQLDataType.BIGINT),
                        field(name("b"), SQLDataType.BIGINT)), copy -> copy.int8(1).endRow())))
                .hasMessageContaining("a row of 2 columns got 1 values");
        assertThat(sql.fetchCount(sql.selectFrom("copy_short"))).isZero();
        sql.execute("DROP TABLE copy_short");
    }
}
