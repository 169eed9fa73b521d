package eu.gpuledger.server.settings;

import eu.gpuledger.server.support.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A setting out of its bounds stops the start, and the message names the setting. */
class SettingsRefusalTest {

    @Test
    void the_defaults_start() {
        assertThat(Settings.startFailure()).isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "ledger.db.pool-size; 0",
            "ledger.db.pool-min-idle; -2",
            "ledger.data-dir; ' '",
            "ledger.processing.batch-size; 0",
            "ledger.processing.segments; 0",
            "ledger.snapshots.allocation-threshold; 0",
            "ledger.cache.allocations-max; 0",
            "ledger.clawback.required-notice; -P1D",
            "ledger.expiry.grace; -P1D",
            "ledger.expiry.every; PT0S",
            "ledger.read-your-writes.wait-max; PT0S",
            "ledger.usage.batch-size; 0",
            "ledger.usage.batch-size; 20001",
            "ledger.usage.grouping-window; 200001",
            "ledger.limits.import-lines; 2000001",
            "ledger.limits.import-line-chars; 255",
            "ledger.limits.import-line-chars; 1048577",
            "ledger.limits.json-body-bytes; 0B",
            "ledger.limits.import-body-bytes; 0B",
            "ledger.rebuild.read-batch-size; 99",
            "ledger.rebuild.batch-size; 0",
            "ledger.rebuild.insert-rows; 0",
            "ledger.rebuild.merge-rows; 0",
            "ledger.dead-letters.max-sequences; 0",
            "ledger.dead-letters.max-sequence-size; 0"})
    void a_setting_out_of_its_bounds_stops_the_start_naming_it(String setting, String value) {
        assertThat(Settings.startFailure(setting + "=" + value)).as(setting + "=" + value).isNotNull()
                .contains(setting);
    }

    @Test
    void a_grouping_window_smaller_than_a_batch_stops_the_start() {
        assertThat(Settings.startFailure("ledger.usage.batch-size=100", "ledger.usage.grouping-window=50"))
                .contains("ledger.usage.grouping-window must be at least ledger.usage.batch-size");
    }
}
