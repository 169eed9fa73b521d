package eu.gpuledger.ledger.allocation.reconciliation;

import eu.gpuledger.ledger.allocation.AllocationClawedBack;
import eu.gpuledger.ledger.allocation.AllocationExpired;
import eu.gpuledger.ledger.allocation.AllocationGranted;
import eu.gpuledger.ledger.allocation.AllocationId;
import eu.gpuledger.ledger.allocation.AllocationResumed;
import eu.gpuledger.ledger.allocation.AllocationStandingChanged;
import eu.gpuledger.ledger.allocation.AllocationSupplemented;
import eu.gpuledger.ledger.allocation.AllocationSuspended;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.allocation.ConsumptionRecorded;
import eu.gpuledger.ledger.allocation.ConsumptionRefunded;
import eu.gpuledger.ledger.allocation.Standing;
import eu.gpuledger.ledger.allocation.TransferCredited;
import eu.gpuledger.ledger.allocation.TransferDebitReversed;
import eu.gpuledger.ledger.allocation.TransferDebited;
import eu.gpuledger.ledger.allocation.UnderConsumptionWarned;
import eu.gpuledger.ledger.allocation.UsageThreshold;
import eu.gpuledger.ledger.allocation.UsageThresholdCrossed;
import eu.gpuledger.ledger.transfer.TransferCompleted;
import eu.gpuledger.ledger.transfer.TransferRejected;
import eu.gpuledger.ledger.transfer.TransferRequested;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger as its events show it: each allocation's buckets folded from the events the aggregate applied, as a
 * projection would. Where an event reports a figure of its own (entitlement, net consumption, lapsed hours), the
 * fold checks it against the buckets folded so far.
 */
final class EventFold {

    /** One allocation's books as folded from its events. */
    static final class Book {
        long granted, supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack, expired;
        boolean suspended, hasExpired;
        Standing standing = Standing.WITHIN_GRANT;

        Buckets buckets() {
            return new Buckets(granted, supplemented, consumed, refunded, transferredIn, transferredOut, clawedBack,
                    expired);
        }
    }

    private final Map<AllocationId, Book> books = new HashMap<>();

    Book book(AllocationId allocationId) {
        return books.computeIfAbsent(allocationId, id -> new Book());
    }

    /** Folds one command's events; returns the thresholds they announced, each at most once. */
    Set<UsageThreshold> fold(List<Object> events) {
        Set<UsageThreshold> announced = EnumSet.noneOf(UsageThreshold.class);
        for (Object event : events) {
            if (event instanceof UsageThresholdCrossed crossed) {
                assertThat(announced.add(crossed.threshold())).as("announced twice by one command: %s", crossed)
                        .isTrue();
                assertReportedFigures(book(crossed.allocationId()), crossed.netConsumed().value(),
                        crossed.entitlement().value());
            } else {
                fold(event);
            }
        }
        return announced;
    }

    private void fold(Object event) {
        switch (event) {
            case AllocationGranted e -> book(e.allocationId()).granted += e.granted().value();
            case AllocationSupplemented e -> book(e.allocationId()).supplemented += e.gpuSeconds().value();
            case ConsumptionRecorded e -> book(e.allocationId()).consumed += totalOf(e);
            case ConsumptionRefunded e -> book(e.allocationId()).refunded += e.gpuSeconds().value();
            case AllocationClawedBack e -> book(e.allocationId()).clawedBack += e.gpuSeconds().value();
            case TransferDebited e -> book(e.allocationId()).transferredOut += e.gpuSeconds().value();
            case TransferDebitReversed e -> book(e.allocationId()).transferredOut -= e.gpuSeconds().value();
            case TransferCredited e -> book(e.allocationId()).transferredIn += e.gpuSeconds().value();
            case AllocationSuspended e -> book(e.allocationId()).suspended = true;
            case AllocationResumed e -> book(e.allocationId()).suspended = false;
            case AllocationExpired e -> foldExpiry(book(e.allocationId()), e);
            case AllocationStandingChanged e -> foldStanding(book(e.allocationId()), e);
            case UnderConsumptionWarned e ->
                    assertThat(e.consumedByNow().value()).isEqualTo(book(e.allocationId()).buckets().netConsumed());
            case TransferRequested e -> { /* the transfer's own record: the sides above move the hours */ }
            case TransferCompleted e -> { }
            case TransferRejected e -> { }
            default -> throw new AssertionError("an event the fold does not know: " + event);
        }
    }

    /** The batch total is the sum of its charges: a consumption event never disagrees with itself. */
    private static long totalOf(ConsumptionRecorded event) {
        long sum = event.charges().stream().map(Charge::gpuSeconds).mapToLong(g -> g.value()).sum();
        assertThat(event.total().value()).isEqualTo(sum);
        return sum;
    }

    private static void foldExpiry(Book book, AllocationExpired event) {
        assertThat(event.lapsed().value()).as("what lapses is the balance left").isEqualTo(Math.max(0, book.buckets().balance()));
        book.expired += event.lapsed().value();
        book.hasExpired = true;
    }

    private static void foldStanding(Book book, AllocationStandingChanged event) {
        assertThat(event.from()).isEqualTo(book.standing);
        assertThat(event.to()).isNotEqualTo(event.from());
        assertReportedFigures(book, event.netConsumed().value(), event.entitlement().value());
        book.standing = event.to();
    }

    private static void assertReportedFigures(Book book, long netConsumed, long entitlement) {
        assertThat(netConsumed).as("net consumption reported by an event").isEqualTo(book.buckets().netConsumed());
        assertThat(entitlement).as("entitlement reported by an event").isEqualTo(book.buckets().entitlement());
    }
}
