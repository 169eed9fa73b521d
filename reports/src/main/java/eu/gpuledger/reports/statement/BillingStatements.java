package eu.gpuledger.reports.statement;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import eu.gpuledger.ledger.rate.RatePerHour;
import eu.gpuledger.ledger.rate.RateUnit;
import eu.gpuledger.ledger.statement.StatementKind;
import eu.gpuledger.ledger.statement.StatementPeriod;
import eu.gpuledger.ledger.statement.StatementRounding;
import eu.gpuledger.projections.journal.Movement;
import eu.gpuledger.reports.statement.BillingContent.Adjusts;
import eu.gpuledger.reports.statement.BillingContent.BillingLine;
import eu.gpuledger.reports.statement.BillingContent.BillingSubject;
import eu.gpuledger.reports.statement.BillingContent.Party;
import eu.gpuledger.reports.statement.BillingContent.RateVersion;
import eu.gpuledger.reports.statement.BillingContent.Totals;
import eu.gpuledger.reports.statement.JuBillingContent.JuShare;
import eu.gpuledger.reports.statement.JuBillingContent.PoolCapacity;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import static eu.gpuledger.projections.schema.Tables.JOURNAL_ALLOCATION;
import static eu.gpuledger.projections.schema.Tables.JOURNAL_ENTRY;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_FACTOR;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL_SIZE;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROVIDER;
import static eu.gpuledger.projections.schema.Tables.VIEW_RATE;
import static eu.gpuledger.projections.schema.Tables.VIEW_STATEMENT;
import static org.jooq.impl.DSL.sum;

/**
 * BILLING statements (issue 14, docs/statements.md): the EuroHPC JU billing statement of a hosting provider and the
 * paid-use statement of a private provider to a customer. Both value the usage of the period (consumption net of
 * refunds, from the journal, recorded by {@code knownAt}) at the funder's rate version in force at each charge's
 * effective time, a line per allocation and rate version; both carry prior-period adjustment lines. The catalogue's
 * versions (rates, factors, pool sizes) are read as recorded by {@code knownAt} too, so that an issued statement
 * regenerates to the same content whatever was recorded since.
 */
@Component
public class BillingStatements {

    /** Allocations one statement covers at most: a bound on the document and on the work of drawing it up. */
    public static final int ALLOCATIONS_MAX = 5_000;
    /** Earlier issued statements of the same series an adjustment can name: 20 years of monthly statements. */
    public static final int EARLIER_STATEMENTS_MAX = 240;
    /** Regulation 2021/1173 art. 18: paid (commercial) use of the JU share is at most 20% of it. */
    public static final BigDecimal PAID_USE_CAP_PERCENT = new BigDecimal("20");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final List<String> USAGE = List.of(Movement.CONSUMED.name(), Movement.REFUNDED.name());

    private final DSLContext sql;

    public BillingStatements(DSLContext sql) {
        this.sql = sql;
    }

    /** The EuroHPC JU billing statement of {@code subject}'s hosting provider, as known at {@code knownAt}. */
    public JuBillingContent juBilling(BillingSubject subject, Instant knownAt) {
        if (subject.funder() != FundingSource.EUROHPC_JU) {
            throw new IllegalArgumentException("a JU billing statement is the EuroHPC JU's, not " + subject.funder());
        }
        var provider = provider(subject.providerId());
        List<BillingLine> lines = periodLines(subject, subject.period(), knownAt);
        List<BillingLine> adjustments = adjustments(subject, knownAt, lines.size());
        JuShare share = juShare(subject, provider.getJuSharePercent(), lines, knownAt);
        return new JuBillingContent(subject, knownAt,
                new Party("SELLER", provider.getProviderId(), provider.getName(), null),
                new Party("BUYER", FundingSource.EUROHPC_JU.name(), "EuroHPC Joint Undertaking", null),
                lines, adjustments, totals(lines, adjustments), share);
    }

    /** The paid-use statement of {@code subject}'s provider to its project's organisation, as known at {@code knownAt}. */
    public PaidUseContent paidUse(BillingSubject subject, Instant knownAt) {
        if (subject.funder() != FundingSource.PRIVATE_CONTRACT || subject.projectId() == null) {
            throw new IllegalArgumentException("a paid-use statement is a private contract's, to one project");
        }
        var provider = provider(subject.providerId());
        var project = sql.selectFrom(VIEW_PROJECT).where(VIEW_PROJECT.PROJECT_ID.eq(subject.projectId()))
                .fetchOptional().orElseThrow(() -> new IllegalStateException("project " + subject.projectId()
                        + " of a drafted statement is not in the catalogue view"));
        List<BillingLine> lines = periodLines(subject, subject.period(), knownAt);
        List<BillingLine> adjustments = adjustments(subject, knownAt, lines.size());
        return new PaidUseContent(subject, knownAt,
                new Party("SELLER", provider.getProviderId(), provider.getName(), null),
                new Party("BUYER", project.getProjectId(), project.getOrganisation(),
                        project.getPrincipalInvestigator()),
                lines, adjustments, totals(lines, adjustments));
    }

    private eu.gpuledger.projections.schema.tables.records.ViewProviderRecord provider(String providerId) {
        return sql.selectFrom(VIEW_PROVIDER).where(VIEW_PROVIDER.PROVIDER_ID.eq(providerId)).fetchOptional()
                .orElseThrow(() -> new IllegalStateException("provider " + providerId
                        + " of a drafted statement is not in the catalogue view"));
    }

    // ------------------------------------------------------------------------------------------------- the lines

    /** The lines of {@code period}: usage effective in it and recorded by {@code knownAt}, numbered from 1. */
    private List<BillingLine> periodLines(BillingSubject subject, StatementPeriod period, Instant knownAt) {
        List<BillingLine> lines = new ArrayList<>();
        for (Allocation allocation : allocations(subject, period, knownAt)) {
            lines.addAll(valued(subject.funder(), allocation, period.from(), period.to(), null, knownAt, knownAt));
        }
        return numbered(lines, 0, null);
    }

    private record Allocation(long number, String allocationId, String projectId, String poolId, String accessMode,
                              String audience) {
    }

    /**
     * The funder's allocations on the provider's pools (of the subject's project, when it names one) whose period
     * meets {@code period} and whose grant was recorded by {@code knownAt}, in allocation id order.
     */
    private List<Allocation> allocations(BillingSubject subject, StatementPeriod period, Instant knownAt) {
        Condition where = JOURNAL_ALLOCATION.FUNDING_SOURCE.eq(subject.funder().name())
                .and(VIEW_POOL.PROVIDER_ID.eq(subject.providerId()))
                .and(JOURNAL_ALLOCATION.PERIOD_START.lt(period.to()))
                .and(JOURNAL_ALLOCATION.PERIOD_END.gt(period.from()))
                .and(DSL.exists(DSL.selectOne().from(JOURNAL_ENTRY)
                        .where(JOURNAL_ENTRY.ALLOCATION_NO.eq(JOURNAL_ALLOCATION.ALLOCATION_NO))
                        .and(JOURNAL_ENTRY.MOVEMENT.eq(Movement.GRANTED.name()))
                        .and(JOURNAL_ENTRY.RECORDED_AT.le(knownAt))));
        if (subject.projectId() != null) {
            where = where.and(JOURNAL_ALLOCATION.PROJECT_ID.eq(subject.projectId()));
        }
        var rows = sql.select(JOURNAL_ALLOCATION.ALLOCATION_NO, JOURNAL_ALLOCATION.ALLOCATION_ID,
                        JOURNAL_ALLOCATION.PROJECT_ID, JOURNAL_ALLOCATION.POOL_ID, VIEW_PROJECT.ACCESS_MODE,
                        VIEW_PROJECT.AUDIENCE)
                .from(JOURNAL_ALLOCATION)
                .join(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(JOURNAL_ALLOCATION.POOL_ID))
                .leftJoin(VIEW_PROJECT).on(VIEW_PROJECT.PROJECT_ID.eq(JOURNAL_ALLOCATION.PROJECT_ID))
                .where(where).orderBy(JOURNAL_ALLOCATION.ALLOCATION_ID).limit(ALLOCATIONS_MAX + 1)
                .fetch(row -> new Allocation(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6()));
        if (rows.size() > ALLOCATIONS_MAX) {
            throw new IllegalArgumentException("a billing statement covers at most " + ALLOCATIONS_MAX
                    + " allocations");
        }
        return rows;
    }

    /**
     * The allocation's usage effective in [from, to) and recorded in ({@code recordedAfter}, {@code recordedBy}],
     * valued: the window is cut where a rate or factor version starts, each piece's net GPU-seconds summed from the
     * journal, and the pieces at the same rate version make one line (unnumbered). Pieces without usage make none.
     *
     * @throws BillingRefused when usage has no rate in force, or a rate per normalised hour no factor
     */
    private List<BillingLine> valued(FundingSource funder, Allocation allocation, Instant from, Instant to,
                                     Instant recordedAfter, Instant recordedBy, Instant versionsKnownAt) {
        TreeMap<Instant, RateVersion> rates = rates(funder, allocation.poolId(), versionsKnownAt);
        TreeMap<Instant, NormalisationFactor> factors = factors(allocation.poolId(), versionsKnownAt);
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
        cuts.addAll(rates.subMap(from, false, to, false).keySet());
        cuts.addAll(factors.subMap(from, false, to, false).keySet());
        Map<String, Piece> byRate = new LinkedHashMap<>();
        Instant start = null;
        for (Instant cut : cuts) {
            if (start != null) {
                long net = netUsage(allocation.number(), start, cut, recordedAfter, recordedBy);
                if (net != 0) {
                    var rate = rates.floorEntry(start);
                    if (rate == null) {
                        throw BillingRefused.noRateInForce(funder.name(), allocation.poolId(), start);
                    }
                    var factor = factors.floorEntry(start);
                    NormalisedGpuSeconds normalised = factor == null ? null
                            : factor.getValue().normalise(GpuSeconds.of(net));
                    if (normalised == null && rate.getValue().unit() == RateUnit.NORMALISED_GPU_HOUR) {
                        throw BillingRefused.noFactorInForce(allocation.poolId(), start);
                    }
                    byRate.computeIfAbsent(rate.getValue().rateId(), id -> new Piece(rate.getValue()))
                            .add(start, cut, net, normalised);
                }
            }
            start = cut;
        }
        List<BillingLine> lines = new ArrayList<>(byRate.size());
        for (Piece piece : byRate.values()) {
            BigDecimal exact = new RatePerHour(piece.rate.unit(), piece.rate.eurPerHour()).valueOf(
                    GpuSeconds.of(piece.gpuSeconds), piece.normalised);
            lines.add(new BillingLine(0, allocation.allocationId(), allocation.projectId(), allocation.accessMode(),
                    allocation.audience(), allocation.poolId(), piece.rate, piece.from, piece.to, piece.gpuSeconds,
                    piece.normalised == null ? null : piece.normalised.value(), exact,
                    StatementRounding.lineAmount(exact), null));
        }
        return lines;
    }

    /** The usage of one allocation at one rate version, gathered over the pieces of the window it applies to. */
    private static final class Piece {
        private final RateVersion rate;
        private Instant from;
        private Instant to;
        private long gpuSeconds;
        private NormalisedGpuSeconds normalised = NormalisedGpuSeconds.ZERO;

        Piece(RateVersion rate) {
            this.rate = rate;
        }

        void add(Instant pieceFrom, Instant pieceTo, long seconds, NormalisedGpuSeconds pieceNormalised) {
            from = from == null || pieceFrom.isBefore(from) ? pieceFrom : from;
            to = to == null || pieceTo.isAfter(to) ? pieceTo : to;
            gpuSeconds = Math.addExact(gpuSeconds, seconds);
            normalised = normalised == null || pieceNormalised == null ? null : normalised.plus(pieceNormalised);
        }
    }

    /** Consumption less refunds of an allocation effective in [from, to), recorded in (after, by]. */
    private long netUsage(long allocationNumber, Instant from, Instant to, Instant recordedAfter, Instant recordedBy) {
        Condition where = JOURNAL_ENTRY.ALLOCATION_NO.eq(allocationNumber)
                .and(JOURNAL_ENTRY.MOVEMENT.in(USAGE))
                .and(JOURNAL_ENTRY.EFFECTIVE_AT.ge(from)).and(JOURNAL_ENTRY.EFFECTIVE_AT.lt(to))
                .and(JOURNAL_ENTRY.RECORDED_AT.le(recordedBy));
        if (recordedAfter != null) {
            where = where.and(JOURNAL_ENTRY.RECORDED_AT.gt(recordedAfter));
        }
        long net = 0;
        for (var row : sql.select(JOURNAL_ENTRY.MOVEMENT, sum(JOURNAL_ENTRY.AMOUNT)).from(JOURNAL_ENTRY).where(where)
                .groupBy(JOURNAL_ENTRY.MOVEMENT).fetch()) {
            long seconds = row.value2().longValueExact();
            net = Movement.valueOf(row.value1()) == Movement.CONSUMED ? Math.addExact(net, seconds)
                    : Math.subtractExact(net, seconds);
        }
        return net;
    }

    private TreeMap<Instant, RateVersion> rates(FundingSource funder, String poolId, Instant knownAt) {
        TreeMap<Instant, RateVersion> rates = new TreeMap<>();
        sql.selectFrom(VIEW_RATE).where(VIEW_RATE.FUNDER.eq(funder.name())).and(VIEW_RATE.POOL_ID.eq(poolId))
                .and(VIEW_RATE.RECORDED_AT.isNull().or(VIEW_RATE.RECORDED_AT.le(knownAt)))
                .fetch().forEach(row -> rates.put(row.getEffectiveFrom(), new RateVersion(row.getRateId(),
                        row.getEffectiveFrom(), RateUnit.valueOf(row.getUnit()),
                        row.getEurPerHour().stripTrailingZeros())));
        return rates;
    }

    private TreeMap<Instant, NormalisationFactor> factors(String poolId, Instant knownAt) {
        TreeMap<Instant, NormalisationFactor> factors = new TreeMap<>();
        sql.selectFrom(VIEW_POOL_FACTOR).where(VIEW_POOL_FACTOR.POOL_ID.eq(poolId))
                .and(VIEW_POOL_FACTOR.RECORDED_AT.isNull().or(VIEW_POOL_FACTOR.RECORDED_AT.le(knownAt)))
                .fetch().forEach(row -> factors.put(row.getEffectiveFrom(),
                        NormalisationFactor.of(row.getNormalisedPerGpuHour())));
        return factors;
    }

    private static List<BillingLine> numbered(List<BillingLine> lines, int before, Adjusts adjusts) {
        List<BillingLine> numbered = new ArrayList<>(lines.size());
        for (BillingLine line : lines) {
            numbered.add(new BillingLine(before + numbered.size() + 1, line.allocationId(), line.projectId(),
                    line.accessMode(), line.audience(), line.poolId(), line.rate(), line.from(), line.to(),
                    line.gpuSeconds(), line.normalisedGpuSeconds(), line.exactAmount(), line.amount(),
                    adjusts != null ? adjusts : line.adjusts()));
        }
        return numbered;
    }

    // ------------------------------------------------------------------------------ prior-period adjustments

    /** An issued statement of the same series as listed: its period and the instant its content is known at. */
    private record Issued(String statementId, String number, StatementPeriod period, Instant knownAt) {
    }

    /**
     * Prior-period adjustments (issue 14): usage, refunds or corrections effective in the period of an issued
     * statement of the same series (funder, kind, provider, project) but recorded after it, which that statement
     * cannot show (it never changes). They appear on the next statement of the series drawn up after they were
     * recorded, each naming the statement of its period (the last issued for it) and that statement's line for the
     * same allocation and rate version. An entry is carried once: by the first statement of a later period whose
     * {@code knownAt} it precedes (see {@link #carriedAfter}).
     */
    private List<BillingLine> adjustments(BillingSubject subject, Instant knownAt, int linesBefore) {
        List<Issued> series = issuedSeries(subject, knownAt);
        Map<String, Issued> lastOfPeriod = new TreeMap<>();
        for (Issued issued : series) {
            lastOfPeriod.merge(issued.period().text(), issued,
                    (one, other) -> one.knownAt().isAfter(other.knownAt()) ? one : other);
        }
        List<Issued> originals = new ArrayList<>(lastOfPeriod.values());
        originals.sort(Comparator.comparing((Issued issued) -> issued.period().from()));
        List<BillingLine> adjustments = new ArrayList<>();
        for (Issued original : originals) {
            Instant after = carriedAfter(original, series, subject.period());
            List<BillingLine> late = new ArrayList<>();
            for (Allocation allocation : allocations(subject, original.period(), knownAt)) {
                late.addAll(valued(subject.funder(), allocation, original.period().from(), original.period().to(),
                        after, knownAt, knownAt));
            }
            if (late.isEmpty()) {
                continue;
            }
            Map<String, Integer> originalLines = new HashMap<>();
            for (BillingLine line : periodLines(subject, original.period(), original.knownAt())) {
                originalLines.put(line.allocationId() + "\n" + line.rate().rateId(), line.line());
            }
            for (BillingLine line : late) {
                Adjusts adjusts = new Adjusts(original.statementId(), original.number(), original.period().text(),
                        originalLines.get(line.allocationId() + "\n" + line.rate().rateId()));
                adjustments.add(numbered(List.of(line), linesBefore + adjustments.size(), adjusts).get(0));
            }
        }
        return adjustments;
    }

    /**
     * The instant after which an entry of {@code original}'s period is not yet on any issued statement: the latest
     * {@code knownAt} among the series' statements of that period or of a later one before {@code current}. Each of
     * them showed (or carried) every entry of the period recorded by its own {@code knownAt}.
     */
    private static Instant carriedAfter(Issued original, List<Issued> series, StatementPeriod current) {
        Instant after = original.knownAt();
        for (Issued issued : series) {
            boolean between = !issued.period().from().isBefore(original.period().from())
                    && issued.period().from().isBefore(current.from());
            if (between && issued.knownAt().isAfter(after)) {
                after = issued.knownAt();
            }
        }
        return after;
    }

    /**
     * The series' statements issued by {@code knownAt} whose period ended by the current one's start (a statement
     * issued later cannot have been adjusted for by this one, which must regenerate the same whatever is issued since).
     */
    private List<Issued> issuedSeries(BillingSubject subject, Instant knownAt) {
        Condition where = VIEW_STATEMENT.FUNDER.eq(subject.funder().name())
                .and(VIEW_STATEMENT.KIND.eq(StatementKind.BILLING.name()))
                .and(VIEW_STATEMENT.PROVIDER_ID.eq(subject.providerId()))
                .and(subject.projectId() == null ? VIEW_STATEMENT.PROJECT_ID.isNull()
                        : VIEW_STATEMENT.PROJECT_ID.eq(subject.projectId()))
                .and(VIEW_STATEMENT.KNOWN_AT.isNotNull())
                .and(VIEW_STATEMENT.ISSUED_AT.le(knownAt));
        List<Issued> series = new ArrayList<>();
        for (var row : sql.select(VIEW_STATEMENT.STATEMENT_ID, VIEW_STATEMENT.NUMBER, VIEW_STATEMENT.PERIOD,
                        VIEW_STATEMENT.KNOWN_AT).from(VIEW_STATEMENT).where(where)
                .orderBy(VIEW_STATEMENT.KNOWN_AT.desc()).limit(EARLIER_STATEMENTS_MAX).fetch()) {
            StatementPeriod period = StatementPeriod.parse(row.value3());
            if (!period.to().isAfter(subject.period().from())) {
                series.add(new Issued(row.value1(), row.value2(), period, row.value4()));
            }
        }
        return series;
    }

    // ----------------------------------------------------------------------------------- JU share and totals

    /**
     * Rule (Regulation 2021/1173 arts. 17 and 18, DOMAIN.md rule 9): the JU-funded usage of the period may not exceed
     * the JU share of the machine's capacity in the period, and its paid (commercial) part, the usage of projects in
     * paid access, may not exceed 20% of that share. The statement measures both and flags each excess; it does not
     * refuse to bill it, since the hours were used.
     */
    private JuShare juShare(BillingSubject subject, BigDecimal juSharePercent, List<BillingLine> lines,
                            Instant knownAt) {
        Objects.requireNonNull(juSharePercent, "a JU billing statement's provider has a JU share");
        List<PoolCapacity> pools = capacities(subject, knownAt);
        long capacity = pools.stream().mapToLong(PoolCapacity::capacityGpuSeconds).reduce(0, Math::addExact);
        if (capacity == 0) {
            throw BillingRefused.noCapacity(subject.providerId());
        }
        BigDecimal percent = juSharePercent.stripTrailingZeros();
        BigDecimal share = BigDecimal.valueOf(capacity).multiply(percent).divide(HUNDRED);
        BigDecimal paidCap = share.multiply(PAID_USE_CAP_PERCENT).divide(HUNDRED);
        long usage = 0;
        long paid = 0;
        for (BillingLine line : lines) {
            usage = Math.addExact(usage, line.gpuSeconds());
            if (AccessMode.PAID.name().equals(line.accessMode())) {
                paid = Math.addExact(paid, line.gpuSeconds());
            }
        }
        return new JuShare(percent, pools, capacity, share.stripTrailingZeros(), usage,
                BigDecimal.valueOf(usage).compareTo(share) > 0, PAID_USE_CAP_PERCENT, paidCap.stripTrailingZeros(),
                paid, BigDecimal.valueOf(paid).compareTo(paidCap) > 0);
    }

    /**
     * Each charged pool's capacity in the period: for each size version in force in it (as recorded by
     * {@code knownAt}), nodes × GPUs per node × the seconds it was in force; nothing while a pool has no size.
     */
    private List<PoolCapacity> capacities(BillingSubject subject, Instant knownAt) {
        Instant from = subject.period().from();
        Instant to = subject.period().to();
        List<PoolCapacity> pools = new ArrayList<>();
        for (var pool : sql.selectFrom(VIEW_POOL).where(VIEW_POOL.PROVIDER_ID.eq(subject.providerId()))
                .and(VIEW_POOL.CHARGED.isTrue()).orderBy(VIEW_POOL.POOL_ID).fetch()) {
            TreeMap<Instant, Integer> sizes = new TreeMap<>();
            sql.selectFrom(VIEW_POOL_SIZE).where(VIEW_POOL_SIZE.POOL_ID.eq(pool.getPoolId()))
                    .and(VIEW_POOL_SIZE.RECORDED_AT.le(knownAt))
                    .fetch().forEach(size -> sizes.put(size.getEffectiveFrom(), size.getNodes()));
            TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
            cuts.addAll(sizes.subMap(from, false, to, false).keySet());
            long capacity = 0;
            Instant start = null;
            for (Instant cut : cuts) {
                if (start != null) {
                    var size = sizes.floorEntry(start);
                    if (size != null) {
                        long gpus = Math.multiplyExact((long) size.getValue(), pool.getGpusPerNode());
                        capacity = Math.addExact(capacity,
                                Math.multiplyExact(gpus, Duration.between(start, cut).toSeconds()));
                    }
                }
                start = cut;
            }
            pools.add(new PoolCapacity(pool.getPoolId(), pool.getGpusPerNode(), capacity));
        }
        return pools;
    }

    /** The totals as printed: sums of the rounded lines (StatementRounding), of the period's and the adjustments. */
    static Totals totals(List<BillingLine> lines, List<BillingLine> adjustments) {
        long gpuSeconds = 0;
        BigDecimal normalised = BigDecimal.ZERO;
        for (BillingLine line : lines) {
            gpuSeconds = Math.addExact(gpuSeconds, line.gpuSeconds());
            normalised = line.normalisedGpuSeconds() == null ? normalised : normalised.add(line.normalisedGpuSeconds());
        }
        BigDecimal linesAmount = StatementRounding.total(lines.stream().map(BillingLine::amount).toList());
        BigDecimal adjustmentsAmount = StatementRounding.total(adjustments.stream().map(BillingLine::amount).toList());
        return new Totals(gpuSeconds, normalised, linesAmount, adjustmentsAmount,
                StatementRounding.total(List.of(linesAmount, adjustmentsAmount)));
    }
}
