package eu.gpuledger.server.support;

import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.server.security.ApiTokenFormat;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The test run's administrator token: one API token of the real format, made once per JVM, and stored (as its
 * hash, like any token) in the database of every ledger a test starts, so that the tests written before
 * authentication keep talking to the ledger as an administrator through {@link LedgerHttp}. Tests of security
 * issue their own tokens of other roles over the API.
 */
public final class TestTokens {

    /** The token LedgerHttp sends unless told otherwise. */
    public static final String ADMIN = ApiTokenFormat.newToken();
    public static final String ADMIN_ID = "test-admin";

    private TestTokens() {
    }

    /** Stores {@link #ADMIN} once the ledger is up (its migrations made the table). */
    public static final class AdminTokenAtStart implements ApplicationListener<ApplicationReadyEvent> {

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            JdbcTemplate jdbc = event.getApplicationContext().getBeanProvider(JdbcTemplate.class).getIfAvailable();
            if (jdbc == null) {
                return;
            }
            jdbc.update("INSERT INTO api_token (token_id, secret_sha256, name, role, scope, created_at, created_by,"
                            + " expires_at) VALUES (?, ?, 'test administrator', ?, '', ?, 'tests', ?)"
                            + " ON CONFLICT (token_id) DO NOTHING",
                    ADMIN_ID, ApiTokenFormat.sha256(ADMIN), Role.ADMIN.name(), Timestamp.from(Instant.now()),
                    Timestamp.from(Instant.now().plus(Duration.ofDays(300))));
        }
    }
}
