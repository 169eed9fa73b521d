package eu.gpuledger.server.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The API tokens this node has already looked up, so that a quota hook's thousands of requests a second cost no
 * database read each. A token row changes only by a revocation (or an administrator's hand); a trigger
 * (migration V51) notifies {@value #CHANNEL} at the commit of any such change, and every node forgets every token it
 * knows when told. While this node is not listening (starting, or its listening connection lost), it knows nothing
 * and every request reads the table, as without this memory: a missed notice can never leave a revoked token
 * usable. Why and what it costs: docs/security.md.
 */
@Component
public class KnownTokens implements SmartLifecycle {

    static final String CHANNEL = "api_token_changed";
    /** Tokens held at most; a node sees a few hundred machines, not more. */
    static final int HELD_MAX = 10_000;
    /** How long one wait for notices lasts: also how long this node takes to stop listening. */
    private static final Duration LISTEN_WAIT = Duration.ofMillis(500);
    /** How long the start waits for the first listening before it goes on reading the table for every request. */
    private static final Duration START_WAIT = Duration.ofSeconds(5);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(KnownTokens.class);

    private final Cache<String, ApiTokens.Checked> bySecretHash = Caffeine.newBuilder().maximumSize(HELD_MAX).build();
    private final HikariDataSource database;
    private final Object changes = new Object();
    /** Counts what this node has forgotten; a lookup begun before the last forgetting is not remembered. */
    private long generation;
    private volatile boolean listening;
    private volatile boolean running;
    private Thread listener;
    private final CountDownLatch firstListen = new CountDownLatch(1);

    public KnownTokens(DataSource dataSource) throws SQLException {
        this.database = dataSource.unwrap(HikariDataSource.class);
    }

    /**
     * The token with this secret hash: from memory when this node is listening and has looked it up before, else
     * {@code lookup}'s answer, remembered unless a change was announced while it was read.
     */
    ApiTokens.Checked find(String secretSha256, Supplier<ApiTokens.Checked> lookup) {
        ApiTokens.Checked known = listening ? bySecretHash.getIfPresent(secretSha256) : null;
        if (known != null) {
            return known;
        }
        long before;
        synchronized (changes) {
            before = generation;
        }
        ApiTokens.Checked read = lookup.get();
        synchronized (changes) {
            if (listening && generation == before) {
                bySecretHash.put(secretSha256, read);
            }
        }
        return read;
    }

    /** Forgets every token: a change was announced, or this node may have missed one. */
    void forgetAll() {
        synchronized (changes) {
            generation++;
            bySecretHash.invalidateAll();
        }
    }

    boolean listening() {
        return listening;
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notices = connection.unwrap(PGConnection.class);
                forgetAll(); // whatever changed while this node was not listening
                listening = true;
                firstListen.countDown();
                log.debug("listening for API token changes");
                while (running) {
                    PGNotification[] received = notices.getNotifications((int) LISTEN_WAIT.toMillis());
                    if (received != null && received.length > 0) {
                        forgetAll();
                        log.debug("API token {} changed: every known token forgotten", received[0].getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("listening for API token changes failed ({}); every request reads the tokens' table"
                            + " until it listens again", e.getMessage());
                }
            } finally {
                listening = false;
                forgetAll();
            }
            pause();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.getUsername());
        if (database.getPassword() != null) {
            properties.setProperty("password", database.getPassword());
        }
        properties.setProperty("ApplicationName", "gpu-ledger token listener");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.getJdbcUrl(), properties);
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("api-token-listener").start(this::listen);
        try {
            firstListen.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(LISTEN_WAIT.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
