package eu.gpuledger.ledger.directory;

import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The production directory on PostgreSQL answers {@link DirectoryContract} as the fixture tests' in-memory one does:
 * the events are handed to the application's own {@link DirectoryUpdater}, as its subscribing processor does.
 */
@LedgerIntegrationTest
class LedgerDirectoryContractTest extends DirectoryContract {

    @Autowired
    LedgerDirectory directory;
    @Autowired
    DirectoryUpdater updater;

    @Override
    protected Directory directory() {
        return directory;
    }

    @Override
    protected void record(Object... events) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(updater);
        for (Object event : events) {
            try {
                handlers.handle(GenericEventMessage.asEventMessage(event));
            } catch (Exception failed) {
                throw new IllegalStateException("the directory could not write " + event, failed);
            }
        }
    }
}
