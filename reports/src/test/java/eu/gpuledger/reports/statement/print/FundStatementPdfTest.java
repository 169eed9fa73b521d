package eu.gpuledger.reports.statement.print;

import eu.gpuledger.ledger.allocation.FundingSource;
import eu.gpuledger.projections.journal.Movement;
import eu.gpuledger.reports.statement.CanonicalJson;
import eu.gpuledger.reports.statement.FundStatementDocument;
import eu.gpuledger.reports.statement.FundStatements.FundContent;
import eu.gpuledger.reports.statement.FundStatements.FundLine;
import eu.gpuledger.reports.statement.FundStatements.FundSection;
import eu.gpuledger.reports.statement.FundStatements.FundSubject;
import eu.gpuledger.reports.statement.StatementHeader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fund statement as a PDF a funder files: its text is the golden file's (PDFBox's text extraction), it breaks
 * across pages with the table's header repeated and the hash and page number on every page, its fonts are embedded,
 * and the same statement drawn twice gives the same bytes.
 */
class FundStatementPdfTest {

    private static final Instant FROM = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T09:15:00.250Z");
    private static final String GOLDEN = "fund-statement-issued.txt";

    /** Two allocations: one with every kind of movement and 40 days of consumption (a page break), one quiet. */
    static FundContent content() {
        List<FundLine> unordered = new ArrayList<>();
        unordered.add(new FundLine(Instant.parse("2026-10-01T08:00:00Z"), null, Movement.SUPPLEMENTED, true,
                36_000_000, 1, 0));
        for (int day = 1; day <= 31; day++) {
            unordered.add(new FundLine(Instant.parse("2026-10-01T00:00:00Z").plusSeconds(86_400L * (day - 1)),
                    LocalDate.of(2026, 10, day), Movement.CONSUMED, false, 3_600L * (100 + day), day % 7 + 1, 0));
        }
        unordered.add(new FundLine(Instant.parse("2026-10-12T00:00:00Z"), LocalDate.of(2026, 10, 12),
                Movement.REFUNDED, true, 7_200, 2, 0));
        unordered.add(new FundLine(Instant.parse("2026-10-14T10:30:00Z"), null, Movement.TRANSFERRED_OUT, false,
                18_000_000, 1, 0));
        unordered.add(new FundLine(Instant.parse("2026-10-15T10:30:00Z"), null, Movement.TRANSFER_REVERSED, true,
                3_600_000, 1, 0));
        unordered.add(new FundLine(Instant.parse("2026-10-20T00:00:00Z"), null, Movement.CLAWED_BACK, false,
                3_600_000, 1, 0));
        unordered.add(new FundLine(Instant.parse("2026-10-31T23:59:59Z"), null, Movement.EXPIRED, false,
                1_800_000, 1, 0));
        unordered.sort(Comparator.comparing(FundLine::effectiveAt));
        List<FundLine> lines = new ArrayList<>();
        long balance = 360_000_000;
        for (FundLine line : unordered) {
            balance += line.credit() ? line.gpuSeconds() : -line.gpuSeconds();
            lines.add(new FundLine(line.effectiveAt(), line.day(), line.movement(), line.credit(), line.gpuSeconds(),
                    line.entries(), balance));
        }
        long credits = lines.stream().filter(FundLine::credit).mapToLong(FundLine::gpuSeconds).sum();
        long debits = lines.stream().filter(line -> !line.credit()).mapToLong(FundLine::gpuSeconds).sum();
        FundSection busy = new FundSection("a100-genci-2026", "prj-climate", "jz-a100", FROM, TO, 360_000_000,
                lines, credits, debits, balance);
        FundSection quiet = new FundSection("h100-genci-2026", "prj-climate", "jz-h100",
                Instant.parse("2026-10-10T00:00:00Z"), TO, 0,
                List.of(new FundLine(Instant.parse("2026-10-10T00:00:00Z"), null, Movement.GRANTED, true,
                        72_000_000, 1, 72_000_000)), 72_000_000, 0, 72_000_000);
        return new FundContent(new FundSubject(FundingSource.GENCI, null, "prj-climate", FROM, TO), ISSUED_AT,
                List.of(busy, quiet));
    }

    static String sha256(FundContent content) {
        return CanonicalJson.sha256(CanonicalJson.bytes(FundStatementDocument.content(content)));
    }

    static PrintedStatement issued() {
        FundContent content = content();
        String hash = sha256(content);
        StatementHeader header = new StatementHeader("st-genci-climate-2026-10", "FUND", "GENCI", "2026-10", null,
                "prj-climate", "ISSUED", "GENCI-2026-000007", ISSUED_AT, "accountant@genci.fr", ISSUED_AT, hash);
        return FundStatementPrint.print(header, content, hash);
    }

    static PrintedStatement draft() {
        FundContent content = content();
        String hash = sha256(content);
        StatementHeader header = new StatementHeader("st-genci-climate-2026-10", "FUND", "GENCI", "2026-10", null,
                "prj-climate", "DRAFT", null, null, null, ISSUED_AT, null);
        return FundStatementPrint.print(header, content, hash);
    }

    @Test
    void the_issued_fund_statement_reads_as_its_golden_text() throws IOException {
        byte[] pdf = StatementPdf.render(issued());
        Files.write(Path.of("target", "fund-statement-issued.pdf"), pdf); // to look at (docs/statement-documents.md)
        Files.write(Path.of("target", "fund-statement-draft.pdf"), StatementPdf.render(draft()));
        String text = text(pdf);
        String golden;
        try (InputStream stored = getClass().getResourceAsStream(GOLDEN)) {
            if (stored == null) {
                Files.writeString(Path.of("target", GOLDEN), text);
                throw new AssertionError("no golden file " + GOLDEN + "; the text drawn now is in target/" + GOLDEN);
            }
            golden = new String(stored.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!golden.equals(text)) {
            Files.writeString(Path.of("target", GOLDEN), text);
        }
        assertThat(text).isEqualTo(golden);
    }

    @Test
    void the_same_statement_drawn_twice_gives_the_same_bytes() throws Exception {
        byte[] first = StatementPdf.render(issued());
        Thread.sleep(5); // PDFBox's own document id would come from the clock: a later drawing must not differ
        byte[] second = StatementPdf.render(issued());
        assertThat(second).isEqualTo(first);
        try (PDDocument document = Loader.loadPDF(first)) {
            assertThat(document.getDocumentInformation().getCreationDate().toInstant())
                    .isEqualTo(ISSUED_AT.truncatedTo(ChronoUnit.SECONDS));
            assertThat(document.getDocument().getTrailer().getCOSArray(COSName.ID)).isNotNull();
        }
        assertThat(StatementPdf.render(draft())).isNotEqualTo(first);
    }

    @Test
    void every_page_carries_the_hash_and_its_number_and_a_broken_table_repeats_its_header() throws IOException {
        PrintedStatement statement = issued();
        try (PDDocument document = Loader.loadPDF(StatementPdf.render(statement))) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            for (int page = 1; page <= pages; page++) {
                String text = page(document, page);
                assertThat(text).contains("Content SHA-256 " + statement.contentSha256())
                        .contains("Page " + page + " / " + pages);
            }
            String second = page(document, 2);
            assertThat(second).contains("Allocation a100-genci-2026 · project prj-climate · pool jz-a100 (continued)")
                    .contains("Effective (UTC) Movement Entries Credit GPU-h Debit GPU-h Balance GPU-h");
        }
    }

    @Test
    void every_font_is_embedded() throws IOException {
        try (PDDocument document = Loader.loadPDF(StatementPdf.render(draft()))) {
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
        }
    }

    @Test
    void a_draft_says_so_on_every_page_and_has_no_number() throws IOException {
        try (PDDocument document = Loader.loadPDF(StatementPdf.render(draft()))) {
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                assertThat(page(document, page)).contains("DRAFT");
            }
            assertThat(page(document, 1)).contains("DRAFT, not issued").doesNotContain("GENCI-2026-");
        }
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            return stripper.getText(document);
        }
    }

    private static String page(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }
}
