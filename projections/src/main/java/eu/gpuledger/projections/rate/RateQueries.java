package eu.gpuledger.projections.rate;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.ledger.catalogue.PoolId;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.rate.RateId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_RATE;

/** Reads the rate cards: each version of a funder's rate on a pool, a page at a time in rate id order. */
@Component
public class RateQueries {

    /** Rates one page lists at most. */
    public static final int LIMIT_MAX = 1000;

    private final DSLContext sql;

    public RateQueries(DSLContext sql) {
        this.sql = sql;
    }

    public record RateView(String rateId, String funder, String poolId, String providerId, Instant effectiveFrom,
                           String unit, BigDecimal eurPerHour) {
    }

    /**
     * Which rates a reader reaches: those of its funders, and those on the pools of its providers (either one
     * reaches a rate), or every rate; a reader of neither reaches none, never all.
     */
    public record Readable(Set<FundingSource> funders, Set<ProviderId> providers, boolean everything) {

        public static final Readable EVERYTHING = new Readable(Set.of(), Set.of(), true);

        public Readable {
            funders = Set.copyOf(funders);
            providers = Set.copyOf(providers);
        }
    }

    public record Page(List<RateView> items, RateId next) {
    }

    /** The rates, filtered by funder and pool when given, after the rate id {@code after} when given. */
    public Page rates(Readable readable, Optional<FundingSource> funder, Optional<PoolId> poolId,
                      Optional<RateId> after, int limit) {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        Condition where = reach(readable);
        if (funder.isPresent()) {
            where = where.and(VIEW_RATE.FUNDER.eq(funder.get().name()));
        }
        if (poolId.isPresent()) {
            where = where.and(VIEW_RATE.POOL_ID.eq(poolId.get().value()));
        }
        if (after.isPresent()) {
            where = where.and(VIEW_RATE.RATE_ID.gt(after.get().value()));
        }
        List<RateView> rows = sql.select(VIEW_RATE.RATE_ID, VIEW_RATE.FUNDER, VIEW_RATE.POOL_ID, VIEW_POOL.PROVIDER_ID,
                        VIEW_RATE.EFFECTIVE_FROM, VIEW_RATE.UNIT, VIEW_RATE.EUR_PER_HOUR)
                .from(VIEW_RATE).leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(VIEW_RATE.POOL_ID))
                .where(where)
                .orderBy(VIEW_RATE.RATE_ID)
                .limit(limit + 1)
                .fetch(row -> new RateView(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6(), row.value7().stripTrailingZeros()));
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<RateView> page = rows.subList(0, limit);
        return new Page(List.copyOf(page), RateId.of(page.get(limit - 1).rateId()));
    }

    /** One rate version, whoever may read it (the writer's answer, after its own check). */
    public Optional<RateView> rate(RateId rateId) {
        return sql.select(VIEW_RATE.RATE_ID, VIEW_RATE.FUNDER, VIEW_RATE.POOL_ID, VIEW_POOL.PROVIDER_ID,
                        VIEW_RATE.EFFECTIVE_FROM, VIEW_RATE.UNIT, VIEW_RATE.EUR_PER_HOUR)
                .from(VIEW_RATE).leftJoin(VIEW_POOL).on(VIEW_POOL.POOL_ID.eq(VIEW_RATE.POOL_ID))
                .where(VIEW_RATE.RATE_ID.eq(rateId.value()))
                .fetchOptional(row -> new RateView(row.value1(), row.value2(), row.value3(), row.value4(),
                        row.value5(), row.value6(), row.value7().stripTrailingZeros()));
    }

    private static Condition reach(Readable readable) {
        if (readable.everything()) {
            return DSL.trueCondition();
        }
        Condition ofFunders = readable.funders().isEmpty() ? DSL.falseCondition()
                : VIEW_RATE.FUNDER.in(readable.funders().stream().map(FundingSource::name).toList());
        Condition onProviders = readable.providers().isEmpty() ? DSL.falseCondition()
                : VIEW_POOL.PROVIDER_ID.in(readable.providers().stream().map(ProviderId::value).toList());
        return ofFunders.or(onProviders);
    }
}
