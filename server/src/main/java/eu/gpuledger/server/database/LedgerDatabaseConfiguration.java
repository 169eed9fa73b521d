package eu.gpuledger.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * Where the ledger keeps its data. With {@code LEDGER_DB_URL} (and {@code LEDGER_DB_USER} /
 * {@code LEDGER_DB_PASSWORD}) it uses that PostgreSQL server and creates the database if it is missing; without it,
 * it starts an embedded PostgreSQL whose data lives in {@code LEDGER_DATA_DIR} and survives restarts. Either way the
 * database must be crash-safe ({@link DatabaseDurability}) unless {@code LEDGER_DB_ALLOW_NON_DURABLE} says otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LedgerDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    public EmbeddedLedgerPostgres embeddedLedgerPostgres(DatabaseProperties db, DataDirectoryProperties data) {
        if (!db.embedded()) {
            return EmbeddedLedgerPostgres.notUsed();
        }
        return EmbeddedLedgerPostgres.start(Path.of(data.dataDir()).toAbsolutePath().resolve("postgres"));
    }

    @Bean(destroyMethod = "close")
    public DataSource dataSource(EmbeddedLedgerPostgres embedded, DatabaseProperties db) {
        String url = db.url();
        String user = db.user();
        String password = db.password();
        int poolSize = db.poolSize();
        int poolMinIdle = db.poolMinIdle();
        HikariConfig config = new HikariConfig();
        String where;
        if (db.embedded()) {
            where = "the embedded PostgreSQL on " + embedded.dataDirectory();
            config.setJdbcUrl(embedded.jdbcUrl(EmbeddedLedgerPostgres.DATABASE));
            config.setUsername(EmbeddedLedgerPostgres.USER);
            log.info("Ledger data lives in the embedded PostgreSQL at {}", embedded.dataDirectory());
        } else {
            where = url;
            DatabaseCreator.createIfMissing(url, user, password);
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            log.info("Ledger data lives in {}", url);
        }
        config.setMaximumPoolSize(poolSize);
        // idle connections kept open; by default as many as the pool holds (Hikari's own default)
        config.setMinimumIdle(poolMinIdle < 0 ? poolSize : Math.min(poolMinIdle, poolSize));
        config.setPoolName("ledger");
        config.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            DatabaseDurability.check(dataSource, where, db.allowNonDurable());
        } catch (RuntimeException refused) {
            dataSource.close();
            throw refused;
        }
        return dataSource;
    }
}
