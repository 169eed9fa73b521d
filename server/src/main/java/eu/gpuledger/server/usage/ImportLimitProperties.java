package eu.gpuledger.server.usage;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.usage.ImportLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one usage import may carry ({@code ledger.limits.import-*}; docs/bounds.md): configurable downwards only,
 * the bounds are {@link LedgerLimits}'. The body sizes of the same prefix are the web's
 * ({@code eu.gpuledger.server.web.RequestBodyLimits}).
 *
 * @param importLines     lines (JSON elements) one usage import may carry; past them the import stops with a 413
 * @param importLineChars characters a line (bytes a JSON element) may have; a longer one is rejected on its own
 */
@ConfigurationProperties("ledger.limits")
@Validated
public record ImportLimitProperties(@DefaultValue("" + LedgerLimits.IMPORT_LINES_MAX) @Min(1)
                                    @Max(LedgerLimits.IMPORT_LINES_MAX) int importLines,
                                    @DefaultValue("" + LedgerLimits.IMPORT_LINE_CHARS_DEFAULT)
                                    @Min(ImportLimits.LINE_CHARS_MIN) @Max(LedgerLimits.IMPORT_LINE_CHARS_MAX)
                                    int importLineChars) {

    public ImportLimits limits() {
        return new ImportLimits(importLines, importLineChars);
    }
}
