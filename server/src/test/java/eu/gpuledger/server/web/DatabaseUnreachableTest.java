package eu.gpuledger.server.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While PostgreSQL restarts, a request fails on a broken connection: that is the database out of reach (503, to
 * be repeated), not a failure of the ledger (500); a refusal by the database (a duplicate key) is neither.
 */
class DatabaseUnreachableTest {

    @Test
    void a_broken_connection_is_the_database_out_of_reach() {
        assertThat(ProblemHandling.databaseUnreachable(new DataAccessResourceFailureException("lost",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
    }

    @Test
    void a_server_shutting_down_is_the_database_out_of_reach() {
        assertThat(ProblemHandling.databaseUnreachable(new IllegalStateException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void no_connection_from_the_pool_in_time_is_the_database_out_of_reach() {
        assertThat(ProblemHandling.databaseUnreachable(new RuntimeException(
                new SQLTransientConnectionException("ledger - Connection is not available")))).isTrue();
    }

    @Test
    void a_refusal_by_the_database_is_not() {
        assertThat(ProblemHandling.databaseUnreachable(new RuntimeException(
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(ProblemHandling.databaseUnreachable(new IllegalStateException("no cause at all"))).isFalse();
    }
}
