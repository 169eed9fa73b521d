package eu.gpuledger.server.database;

/**
 * The ledger will not start on this database: a refusal that names what is wrong and what to do about it, shown by
 * {@link DatabaseStartRefusedAnalyzer} instead of a stack trace.
 */
public abstract sealed class DatabaseStartRefused extends RuntimeException
        permits NonDurableDatabase, DataDirectoryInUse {

    private final String action;

    protected DatabaseStartRefused(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What the person starting the ledger can do about it. */
    public String action() {
        return action;
    }
}
