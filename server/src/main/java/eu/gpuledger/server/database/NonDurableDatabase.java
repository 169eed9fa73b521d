package eu.gpuledger.server.database;

import java.util.List;

/** The database could lose a write the ledger acknowledged in a crash: fsync, synchronous_commit or full_page_writes off. */
public final class NonDurableDatabase extends DatabaseStartRefused {

    private final List<String> settingsOff;

    NonDurableDatabase(String where, List<String> settingsOff) {
        super("PostgreSQL at " + where + " runs with " + String.join(", ", settingsOff.stream().map(s -> s + "=off").toList())
                        + ": a write the ledger acknowledged could be lost in a crash of PostgreSQL or of its machine.",
                "Turn " + (settingsOff.size() == 1 ? "it" : "them") + " on: "
                        + String.join(" ", settingsOff.stream().map(s -> "ALTER SYSTEM SET " + s + " = on;").toList())
                        + " SELECT pg_reload_conf(); (and ALTER DATABASE/ROLE ... RESET for a setting made per database"
                        + " or per user). To run without durability on purpose (tests, data you can lose), start the"
                        + " ledger with ledger.db.allow-non-durable=true (environment LEDGER_DB_ALLOW_NON_DURABLE=true).");
        this.settingsOff = List.copyOf(settingsOff);
    }

    public List<String> settingsOff() {
        return settingsOff;
    }
}
