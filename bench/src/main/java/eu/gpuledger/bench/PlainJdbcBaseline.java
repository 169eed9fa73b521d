package eu.gpuledger.bench;

import eu.gpuledger.ledger.usage.ReportedUsage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * The baseline the ledger is measured against: the same records, the same batch size, the same connection pool,
 * written with a plain JDBC batch insert into a table keyed by record id, one transaction per batch. No
 * deduplication beyond the key, no allocation, no event, no projection: the floor of "storing the rows".
 */
final class PlainJdbcBaseline {

    static final String TABLE = "bench_plain_usage";

    private PlainJdbcBaseline() {
    }

    /** @return the nanoseconds it took to insert {@code recordsTotal} records */
    static long insert(DataSource dataSource, SyntheticUsage usage, long recordsTotal, int batchSize) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS " + TABLE);
                ddl.execute("CREATE TABLE " + TABLE + " (record_id VARCHAR(300) PRIMARY KEY, cluster VARCHAR(200) NOT NULL,"
                        + " job_id VARCHAR(200) NOT NULL, account VARCHAR(200) NOT NULL, partition VARCHAR(200) NOT NULL,"
                        + " user_name VARCHAR(200), gpus INTEGER NOT NULL, start_at TIMESTAMPTZ, end_at TIMESTAMPTZ NOT NULL,"
                        + " elapsed_seconds BIGINT NOT NULL, gpu_seconds BIGINT NOT NULL)");
            }
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (record_id, cluster, job_id, account, partition, user_name, gpus, start_at, end_at,"
                    + " elapsed_seconds, gpu_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (long job = 0; job < recordsTotal; job++) {
                    ReportedUsage.Measured record = usage.record(job);
                    insert.setString(1, record.recordId().value());
                    insert.setString(2, record.cluster().value());
                    insert.setString(3, record.jobId());
                    insert.setString(4, record.account().value());
                    insert.setString(5, record.partition());
                    insert.setString(6, record.user());
                    insert.setInt(7, record.gpus());
                    insert.setTimestamp(8, Timestamp.from(record.start()));
                    insert.setTimestamp(9, Timestamp.from(record.end()));
                    insert.setLong(10, record.elapsedSeconds());
                    insert.setLong(11, SyntheticUsage.gpuSeconds(job));
                    insert.addBatch();
                    if (++pending == batchSize) {
                        insert.executeBatch();
                        connection.commit();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            long took = System.nanoTime() - started;
            connection.setAutoCommit(true);
            return took;
        }
    }
}
