package eu.gpuledger.projections.batch;

/** Table and column names written into SQL text (COPY, DDL), where jOOQ's rendering is not at hand. */
public final class SqlNames {

    private SqlNames() {
    }

    /** A plain lower-case name, double-quoted; anything else is refused rather than escaped. */
    public static String quoted(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain table or column name: " + identifier);
        }
        return "\"" + identifier + "\"";
    }
}
