package eu.gpuledger.server.database;

import java.nio.file.Path;

/** Another running ledger (or another program) holds the embedded PostgreSQL's data folder. */
public final class DataDirectoryInUse extends DatabaseStartRefused {

    DataDirectoryInUse(Path dataDirectory, String why) {
        super("The embedded PostgreSQL's data folder " + dataDirectory + " is in use: " + why,
                "Stop the other ledger server that uses it, or give this one a data folder of its own (LEDGER_DATA_DIR).");
    }
}
