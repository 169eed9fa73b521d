package eu.gpuledger.server.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows why the ledger refused its database and what to do, in place of Spring's stack trace. */
public class DatabaseStartRefusedAnalyzer extends AbstractFailureAnalyzer<DatabaseStartRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DatabaseStartRefused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
