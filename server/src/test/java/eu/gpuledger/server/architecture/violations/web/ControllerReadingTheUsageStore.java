package eu.gpuledger.server.architecture.violations.web;

import eu.gpuledger.ledger.usage.UsageRecordId;
import eu.gpuledger.ledger.usage.UsageStore;

/** Breaks the rule that the HTTP edge reads no write-side table, so that ModuleArchitectureTest sees it fail. */
class ControllerReadingTheUsageStore {

    private final UsageStore usageStore;

    ControllerReadingTheUsageStore(UsageStore usageStore) {
        this.usageStore = usageStore;
    }

    boolean booked(String recordId) {
        return usageStore.booked(UsageRecordId.of(recordId)).isPresent();
    }
}
