package eu.gpuledger.reports.csv;

import java.util.List;

/**
 * The CSV the ledger writes (reports and statements, docs/usage-reports.md, docs/statements.md): RFC 4180 cells,
 * quoted only when they hold a comma, a quote or a line break, with quotes doubled; comma-separated, one line per row
 * ending in {@code \n}. Written once for every document; a library's "minimal" quoting (Commons CSV's) also quotes
 * an empty first cell and cells starting with some punctuation, which would change documents already issued.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** One cell, quoted when it must be. */
    public static String cell(String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** A row of cells, each quoted when it must be, appended to {@code csv} with its line end. */
    public static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append('\n');
    }
}
