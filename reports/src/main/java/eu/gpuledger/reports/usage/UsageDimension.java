package eu.gpuledger.reports.usage;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a usage report can be grouped by (API.md). */
public enum UsageDimension {
    PROVIDER("provider", "p.provider_id"),
    POOL("pool", "b.pool_id"),
    PROJECT("project", "b.project_id"),
    FUNDING_SOURCE("fundingSource", "b.funding_source"),
    ACCESS_MODE("accessMode", "j.access_mode"),
    AUDIENCE("audience", "j.audience"),
    SECTOR("sector", "j.sector"),
    MONTH("month", "to_char(u.day, 'YYYY-MM')");

    private final String parameter;
    private final String column;

    UsageDimension(String parameter, String column) {
        this.parameter = parameter;
        this.column = column;
    }

    public String parameter() {
        return parameter;
    }

    String column() {
        return column;
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
