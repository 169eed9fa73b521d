package eu.gpuledger.ledger.directory;

/** The fixture tests' directory answers as the real one does (the server runs the same contract on PostgreSQL). */
class InMemoryDirectoryTest extends DirectoryContract {

    private final InMemoryDirectory directory = new InMemoryDirectory();

    @Override
    protected Directory directory() {
        return directory;
    }

    @Override
    protected void record(Object... events) {
        directory.record(events);
    }
}
