package eu.gpuledger.reports.usage;

import org.jooq.Field;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static eu.gpuledger.projections.schema.Tables.ALLOCATION_BALANCE;
import static eu.gpuledger.projections.schema.Tables.USAGE_DAILY;
import static eu.gpuledger.projections.schema.Tables.VIEW_POOL;
import static eu.gpuledger.projections.schema.Tables.VIEW_PROJECT;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.toChar;

/** What a usage report can be grouped by (API.md). */
public enum UsageDimension {
    PROVIDER("provider", VIEW_POOL.PROVIDER_ID),
    POOL("pool", ALLOCATION_BALANCE.POOL_ID),
    PROJECT("project", ALLOCATION_BALANCE.PROJECT_ID),
    FUNDING_SOURCE("fundingSource", ALLOCATION_BALANCE.FUNDING_SOURCE),
    ACCESS_MODE("accessMode", VIEW_PROJECT.ACCESS_MODE),
    AUDIENCE("audience", VIEW_PROJECT.AUDIENCE),
    SECTOR("sector", VIEW_PROJECT.SECTOR),
    /**
     * The UTC month of the usage's days (or of the journal's entries, {@link #column(Field)}); the grant and the
     * balance of a month are those as they stood at its end.
     */
    MONTH("month", toChar(USAGE_DAILY.DAY, inline("YYYY-MM")));

    private final String parameter;
    private final Field<String> column;

    UsageDimension(String parameter, Field<String> column) {
        this.parameter = parameter;
        this.column = column;
    }

    public String parameter() {
        return parameter;
    }

    Field<String> column() {
        return column;
    }

    /** The column of this dimension where the month is {@code month} (another table's than the daily usage's). */
    Field<String> column(Field<String> month) {
        return this == MONTH ? month : column;
    }

    /** @throws IllegalArgumentException naming the accepted values when {@code name} is none of them */
    public static UsageDimension ofParameter(String name) {
        for (UsageDimension dimension : values()) {
            if (dimension.parameter.equalsIgnoreCase(name.trim())) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("groupBy '" + name + "' is not one of "
                + Arrays.stream(values()).map(UsageDimension::parameter).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return parameter.toLowerCase(Locale.ROOT);
    }
}
