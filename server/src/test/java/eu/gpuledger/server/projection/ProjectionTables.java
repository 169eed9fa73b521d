package eu.gpuledger.server.projection;

import org.jooq.DSLContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every table of every projection, and a hash of each table's content, to compare a rebuild with the live model. */
final class ProjectionTables {

    static final List<String> ALL = List.of("allocation_balance", "usage_daily", "journal_entry",
            "journal_allocation", "journal_suspension", "view_provider", "view_cluster", "view_pool",
            "view_pool_factor", "view_pool_price", "view_project");

    private ProjectionTables() {
    }

    static Map<String, String> hashes(DSLContext sql) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String table : ALL) {
            hashes.put(table, sql.fetchSingle("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                    + table + " t").get(0, String.class));
        }
        return hashes;
    }

    /** The names of a table's indexes, which a rebuild must leave as they were. */
    static List<String> indexes(DSLContext sql, String table) {
        return sql.fetch("SELECT indexname FROM pg_indexes WHERE tablename = ? AND schemaname = current_schema()"
                + " ORDER BY 1", table).getValues(0, String.class);
    }
}
