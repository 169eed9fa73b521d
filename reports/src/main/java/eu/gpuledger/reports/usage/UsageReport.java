package eu.gpuledger.reports.usage;

import eu.gpuledger.ledger.quantity.Eur;
import eu.gpuledger.ledger.quantity.GpuSeconds;
import eu.gpuledger.ledger.quantity.NormalisedGpuSeconds;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Usage by any combination of provider, pool, project, funding source, access mode, audience, sector and month,
 * over the half-open period [from, to). Days are UTC days of effective time; from and to are taken at day
 * boundaries (a report is about days).
 */
@Component
public class UsageReport {

    private final DSLContext sql;

    public UsageReport(DSLContext sql) {
        this.sql = sql;
    }

    public List<UsageReportRow> run(Instant from, Instant to, List<UsageDimension> groupBy) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from (periods are half-open [from, to))");
        }
        boolean byMonth = groupBy.contains(UsageDimension.MONTH);
        // without dimensions, no GROUP BY: the aggregates give exactly one row, the totals, even over no usage at all
        String grouping = groupBy.isEmpty() ? ""
                : "GROUP BY " + String.join(", ", groupBy.stream().map(UsageDimension::column).toList());
        List<String> aliases = new ArrayList<>();
        StringBuilder select = new StringBuilder();
        for (int i = 0; i < groupBy.size(); i++) {
            select.append(groupBy.get(i).column()).append(" AS k").append(i).append(", ");
            aliases.add("k" + i);
        }
        String usage = """
                SELECT %s
                       coalesce(sum(u.consumed), 0) AS consumed, coalesce(sum(u.refunded), 0) AS refunded,
                       coalesce(sum(u.normalised_consumed), 0) AS normalised_consumed,
                       coalesce(sum(u.normalised_refunded), 0) AS normalised_refunded,
                       coalesce(sum(u.eur_consumed), 0) AS eur_consumed, coalesce(sum(u.eur_refunded), 0) AS eur_refunded
                  FROM usage_daily u
                  JOIN allocation_balance b ON b.allocation_id = u.allocation_id
                  LEFT JOIN view_pool p ON p.pool_id = b.pool_id
                  LEFT JOIN view_project j ON j.project_id = b.project_id
                 WHERE u.day >= ?::date AND u.day < ?::date
                 %s
                """.formatted(select, grouping);
        String grants = """
                SELECT %s
                       coalesce(sum(b.granted + b.supplemented + b.transferred_in - b.transferred_out
                           - b.clawed_back), 0) AS granted,
                       coalesce(sum(b.granted + b.supplemented + b.transferred_in + b.refunded - b.consumed
                           - b.transferred_out - b.clawed_back - b.expired), 0) AS balance,
                       count(*) AS allocations
                  FROM allocation_balance b
                  LEFT JOIN view_pool p ON p.pool_id = b.pool_id
                  LEFT JOIN view_project j ON j.project_id = b.project_id
                 WHERE b.period_start < ?::timestamptz AND b.period_end > ?::timestamptz
                 %s
                """.formatted(select, grouping);
        String fromDay = from.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String toDay = to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(
                to.atOffset(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? 0 : 1).toString();

        Map<List<String>, Accumulator> rows = new LinkedHashMap<>();
        for (Record row : sql.fetch(usage, fromDay, toDay)) {
            Accumulator accumulator = rows.computeIfAbsent(key(row, aliases), k -> new Accumulator());
            accumulator.consumed = row.get("consumed", Long.class);
            accumulator.refunded = row.get("refunded", Long.class);
            accumulator.normalisedConsumed = row.get("normalised_consumed", BigDecimal.class);
            accumulator.normalisedRefunded = row.get("normalised_refunded", BigDecimal.class);
            accumulator.eurConsumed = row.get("eur_consumed", BigDecimal.class);
            accumulator.eurRefunded = row.get("eur_refunded", BigDecimal.class);
        }
        if (!byMonth) {
            for (Record row : sql.fetch(grants, to.toString(), from.toString())) {
                Accumulator accumulator = rows.computeIfAbsent(key(row, aliases), k -> new Accumulator());
                accumulator.granted = row.get("granted", Long.class);
                accumulator.balance = row.get("balance", Long.class);
                accumulator.allocations = row.get("allocations", Long.class);
            }
        }
        List<UsageReportRow> result = new ArrayList<>(rows.size());
        rows.forEach((key, accumulator) -> result.add(accumulator.toRow(group(groupBy, key), byMonth)));
        result.sort((a, b) -> String.join("|", a.group().values()).compareTo(String.join("|", b.group().values())));
        return result;
    }

    private static List<String> key(Record row, List<String> aliases) {
        List<String> key = new ArrayList<>(aliases.size());
        for (String alias : aliases) {
            key.add(String.valueOf(row.get(alias)));
        }
        return key;
    }

    private static Map<String, String> group(List<UsageDimension> groupBy, List<String> key) {
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < groupBy.size(); i++) {
            group.put(groupBy.get(i).parameter(), key.get(i));
        }
        return group;
    }

    private static final class Accumulator {
        long granted;
        long consumed;
        long refunded;
        long balance;
        long allocations;
        BigDecimal normalisedConsumed = BigDecimal.ZERO;
        BigDecimal normalisedRefunded = BigDecimal.ZERO;
        BigDecimal eurConsumed = BigDecimal.ZERO;
        BigDecimal eurRefunded = BigDecimal.ZERO;

        UsageReportRow toRow(Map<String, String> group, boolean byMonth) {
            return new UsageReportRow(group, byMonth ? null : GpuSeconds.of(granted), GpuSeconds.of(consumed),
                    GpuSeconds.of(refunded), byMonth ? null : GpuSeconds.of(balance),
                    NormalisedGpuSeconds.of(normalisedConsumed), NormalisedGpuSeconds.of(normalisedRefunded),
                    Eur.of(eurConsumed), Eur.of(eurRefunded), allocations);
        }
    }
}
