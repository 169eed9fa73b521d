package eu.gpuledger.projections.journal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allocation numbers the journal has seen, so that a batch reads from {@code journal_allocation} only those of
 * allocations it has not met yet. An allocation's number is its grant's global index, which never changes, so an
 * entry is never stale: not in a rebuild's tables, not after a batch that rolled back (its retry gives the same
 * number). Bounded: past {@value #MAX} allocations it starts again empty.
 */
final class AllocationNumbers {

    static final int MAX = 200_000;

    private final Map<String, Long> numbers = new ConcurrentHashMap<>();

    Long get(String allocationId) {
        return numbers.get(allocationId);
    }

    void put(String allocationId, long number) {
        if (numbers.size() >= MAX) {
            numbers.clear();
        }
        numbers.put(allocationId, number);
    }
}
