package eu.gpuledger.reports.statement.print;

import eu.gpuledger.reports.statement.print.PrintedStatement.Alignment;
import eu.gpuledger.reports.statement.print.PrintedStatement.Emphasis;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedColumn;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedField;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedParty;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedRow;
import eu.gpuledger.reports.statement.print.PrintedStatement.PrintedTable;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.util.Matrix;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

import javax.xml.transform.TransformerException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Draws a {@link PrintedStatement} as a PDF a funder files (docs/statement-documents.md): A4, the parties, the header
 * fields and flags on the first page, the line tables broken across pages with their header repeated, the totals, and
 * on every page the content's SHA-256 and "page x / y". A draft carries a DRAFT mark across every page.
 * <p>
 * The file is PDF/A-3b: the fonts (DejaVu Sans Condensed, shipped with the code) are embedded, colours are sRGB under
 * an sRGB output intent, and the XMP metadata repeats the document information. It is reproducible: the document id
 * is derived from the statement, the dates are its issue time (a draft's: the instant it was drawn up), so the same
 * statement drawn again gives the same bytes (with the same PDFBox, fonts and JDK colour profile).
 */
public final class StatementPdf {

    /** The producer and creator written in the file's information and metadata. */
    public static final String PRODUCER = "GPU Ledger (Apache PDFBox)";

    /** Rows of one table at most, and tables of one statement at most: a bound on the document's size. */
    public static final int ROWS_MAX = 200_000;

    private static final String FONT_REGULAR = "fonts/DejaVuSansCondensed.ttf";
    private static final String FONT_BOLD = "fonts/DejaVuSansCondensed-Bold.ttf";
    private static final String SRGB = "sRGB IEC61966-2.1";

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN_SIDE = 42;
    private static final float MARGIN_TOP = 48;
    private static final float FOOTER_HEIGHT = 44;
    private static final float CELL_PADDING = 3;
    private static final float BODY_SIZE = 8.5f;
    private static final float TABLE_SIZE = 8;
    private static final float LEADING = 1.3f;

    private static final float[] INK = {0.1f, 0.1f, 0.1f};
    private static final float[] MUTED = {0.4f, 0.4f, 0.4f};
    private static final float[] RULE = {0.7f, 0.7f, 0.7f};
    private static final float[] HEADER_FILL = {0.9f, 0.92f, 0.95f};
    private static final float[] FLAG = {0.7f, 0.1f, 0.1f};
    private static final float[] WATERMARK = {0.9f, 0.9f, 0.9f};

    private static final DateTimeFormatter SHOWN_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private StatementPdf() {
    }

    public static byte[] render(PrintedStatement statement) {
        try (PDDocument document = new PDDocument()) {
            document.setVersion(1.7f);
            PDFont regular = font(document, FONT_REGULAR);
            PDFont bold = font(document, FONT_BOLD);
            Pages pages = new Pages(document, statement, regular, bold);
            pages.header();
            pages.flags();
            for (PrintedTable table : statement.tables()) {
                pages.table(table);
            }
            pages.totals();
            pages.close();
            pages.footers();
            describe(document, statement);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException failed) {
            throw new UncheckedIOException("the statement " + statement.statementId() + " could not be drawn", failed);
        }
    }

    /** When the file says it was made: the issue time, or the instant a draft was drawn up at, never the clock. */
    public static Calendar dated(PrintedStatement statement) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
        Instant made = statement.issuedAt() != null ? statement.issuedAt() : statement.drawnUpAt();
        // a PDF date has whole seconds: the information and the XMP metadata must say the same instant
        calendar.setTimeInMillis(made.truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
        return calendar;
    }

    /** Information, XMP metadata (PDF/A-3b), output intent, and a document id derived from the statement. */
    private static void describe(PDDocument document, PrintedStatement statement) throws IOException {
        Calendar made = dated(statement);
        String title = title(statement);
        PDDocumentInformation information = document.getDocumentInformation();
        information.setTitle(title);
        information.setProducer(PRODUCER);
        information.setCreator(PRODUCER);
        information.setCreationDate(made);
        information.setModificationDate(made);

        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dublinCore = xmp.createAndAddDublinCoreSchema();
        dublinCore.setTitle(title);
        dublinCore.addDate(made); // else Mustang adds the clock's when it makes a Factur-X of this file
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreateDate(made);
        basic.setModifyDate(made);
        basic.setCreatorTool(PRODUCER);
        AdobePDFSchema pdf = xmp.createAndAddAdobePDFSchema();
        pdf.setProducer(PRODUCER);
        PDFAIdentificationSchema pdfA = xmp.createAndAddPDFAIdentificationSchema();
        try {
            pdfA.setPart(3);
            pdfA.setConformance("B");
        } catch (BadFieldValueException impossible) {
            throw new IllegalStateException(impossible);
        }
        ByteArrayOutputStream xmpBytes = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, xmpBytes, true);
        } catch (TransformerException failed) {
            throw new IOException("the statement's XMP metadata could not be written", failed);
        }
        PDDocumentCatalog catalog = document.getDocumentCatalog();
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(xmpBytes.toByteArray());
        catalog.setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(document,
                new ByteArrayInputStream(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);

        // PDFBox would otherwise derive the id from the clock: the same statement must give the same bytes
        byte[] id = Arrays.copyOf(sha256(statement.statementId() + '\n' + statement.number() + '\n'
                + statement.contentSha256() + '\n' + made.getTimeInMillis()), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static String title(PrintedStatement statement) {
        return statement.title() + " " + (statement.draft() ? statement.statementId() + " (draft)"
                : statement.number());
    }

    private static PDFont font(PDDocument document, String resource) throws IOException {
        try (InputStream font = StatementPdf.class.getResourceAsStream(resource)) {
            if (font == null) {
                throw new IllegalStateException("the font " + resource + " is missing from the class path");
            }
            return PDType0Font.load(document, font, true);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The pages as they are filled, top to bottom; a new page when the next block does not fit. */
    private static final class Pages {
        private final PDDocument document;
        private final PrintedStatement statement;
        private final PDFont regular;
        private final PDFont bold;
        private final float width = PAGE.getWidth() - 2 * MARGIN_SIDE;
        private final float bottom = MARGIN_SIDE + FOOTER_HEIGHT - 20;
        private final float[] columnWidths;
        private PDPageContentStream content;
        private float y;

        Pages(PDDocument document, PrintedStatement statement, PDFont regular, PDFont bold) throws IOException {
            this.document = document;
            this.statement = statement;
            this.regular = regular;
            this.bold = bold;
            int weights = statement.columns().stream().mapToInt(PrintedColumn::widthWeight).sum();
            columnWidths = new float[statement.columns().size()];
            for (int column = 0; column < columnWidths.length; column++) {
                columnWidths[column] = width * statement.columns().get(column).widthWeight() / weights;
            }
            newPage();
        }

        void header() throws IOException {
            float titleSize = 18;
            text(bold, titleSize, INK, MARGIN_SIDE, y - titleSize, statement.title());
            String reference = statement.draft() ? "DRAFT, not issued" : "No. " + statement.number();
            float referenceWidth = width(bold, 12, reference);
            text(bold, 12, statement.draft() ? FLAG : INK, MARGIN_SIDE + width - referenceWidth, y - titleSize,
                    reference);
            y -= titleSize * LEADING + 4;
            String dated = statement.draft()
                    ? "Drawn up " + SHOWN_INSTANT.format(statement.drawnUpAt()) + "; figures may change until issued"
                    : "Issued " + SHOWN_INSTANT.format(statement.issuedAt());
            text(regular, BODY_SIZE, MUTED, MARGIN_SIDE, y - BODY_SIZE, dated);
            y -= BODY_SIZE * LEADING + 10;
            parties();
            fields(statement.fields(), 120);
        }

        private void parties() throws IOException {
            List<PrintedParty> parties = statement.parties();
            if (parties.isEmpty()) {
                return;
            }
            int perRow = Math.min(3, parties.size());
            float gap = 10;
            float boxWidth = (width - gap * (perRow - 1)) / perRow;
            for (int first = 0; first < parties.size(); first += perRow) {
                List<PrintedParty> row = parties.subList(first, Math.min(parties.size(), first + perRow));
                float height = 0;
                List<List<String>> wrapped = new ArrayList<>();
                for (PrintedParty party : row) {
                    List<String> lines = new ArrayList<>(wrap(bold, BODY_SIZE + 1, party.name(), boxWidth - 12));
                    int nameLines = lines.size();
                    for (String detail : party.details()) {
                        lines.addAll(wrap(regular, BODY_SIZE, detail, boxWidth - 12));
                    }
                    lines.add(0, Integer.toString(nameLines));
                    wrapped.add(lines);
                    height = Math.max(height, 8 + 7 * LEADING + (lines.size() - 1) * BODY_SIZE * LEADING + 8);
                }
                ensure(height + 8);
                for (int index = 0; index < row.size(); index++) {
                    float left = MARGIN_SIDE + index * (boxWidth + gap);
                    rectangle(left, y - height, boxWidth, height);
                    float line = y - 6 - 7;
                    text(bold, 7, MUTED, left + 6, line, row.get(index).role().toUpperCase(Locale.ROOT));
                    List<String> lines = wrapped.get(index);
                    int nameLines = Integer.parseInt(lines.get(0));
                    for (int at = 1; at < lines.size(); at++) {
                        line -= BODY_SIZE * LEADING + (at == 1 ? 2 : 0);
                        boolean name = at <= nameLines;
                        text(name ? bold : regular, name ? BODY_SIZE + 1 : BODY_SIZE, INK, left + 6, line,
                                lines.get(at));
                    }
                }
                y -= height + 10;
            }
        }

        private void fields(List<PrintedField> fields, float labelWidth) throws IOException {
            for (PrintedField field : fields) {
                List<String> lines = wrap(regular, BODY_SIZE, field.value(), width - labelWidth);
                ensure(lines.size() * BODY_SIZE * LEADING);
                text(bold, BODY_SIZE, MUTED, MARGIN_SIDE, y - BODY_SIZE, field.label());
                for (String line : lines) {
                    text(regular, BODY_SIZE, INK, MARGIN_SIDE + labelWidth, y - BODY_SIZE, line);
                    y -= BODY_SIZE * LEADING;
                }
            }
            y -= 8;
        }

        void flags() throws IOException {
            if (statement.flags().isEmpty()) {
                return;
            }
            heading("Flags", FLAG);
            for (String flag : statement.flags()) {
                List<String> lines = wrap(bold, BODY_SIZE, flag, width - 12);
                ensure(lines.size() * BODY_SIZE * LEADING);
                text(bold, BODY_SIZE, FLAG, MARGIN_SIDE, y - BODY_SIZE, "!");
                for (String line : lines) {
                    text(bold, BODY_SIZE, FLAG, MARGIN_SIDE + 12, y - BODY_SIZE, line);
                    y -= BODY_SIZE * LEADING;
                }
            }
            y -= 8;
        }

        void table(PrintedTable table) throws IOException {
            if (table.rows().size() > ROWS_MAX) {
                throw new IllegalArgumentException("a printed table holds at most " + ROWS_MAX + " rows");
            }
            float headerHeight = rowHeight(headings(), bold);
            float firstRow = table.rows().isEmpty() ? 0 : rowHeight(table.rows().get(0).cells(), regular);
            ensure(captionHeight() + headerHeight + firstRow); // a caption is never left alone at a page's foot
            caption(table.caption());
            row(headings(), bold, true);
            for (PrintedRow row : table.rows()) {
                PDFont font = row.emphasis() == Emphasis.BALANCE ? bold : regular;
                float height = rowHeight(row.cells(), font);
                if (y - height < bottom) {
                    newPage();
                    caption(table.caption() + " (continued)");
                    row(headings(), bold, true);
                }
                row(row.cells(), font, false);
            }
            y -= 12;
        }

        void totals() throws IOException {
            if (statement.totals().isEmpty()) {
                return;
            }
            heading("Totals", INK);
            float valueRight = MARGIN_SIDE + width;
            for (PrintedField total : statement.totals()) {
                ensure(BODY_SIZE * LEADING);
                text(bold, BODY_SIZE, MUTED, MARGIN_SIDE, y - BODY_SIZE, total.label());
                String value = fit(bold, BODY_SIZE, total.value(), width / 2);
                text(bold, BODY_SIZE, INK, valueRight - width(bold, BODY_SIZE, value), y - BODY_SIZE, value);
                y -= BODY_SIZE * LEADING;
                line(MARGIN_SIDE, y + 1, MARGIN_SIDE + width, y + 1, 0.3f);
                y -= 2;
            }
        }

        /** The footer of every page, written once the number of pages is known. */
        void footers() throws IOException {
            int count = document.getNumberOfPages();
            for (int index = 0; index < count; index++) {
                PDPage page = document.getPage(index);
                try (PDPageContentStream footer = new PDPageContentStream(document, page,
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    content = footer;
                    float top = MARGIN_SIDE + FOOTER_HEIGHT - 24;
                    line(MARGIN_SIDE, top, MARGIN_SIDE + width, top, 0.5f);
                    String reference = statement.title() + " · " + (statement.draft()
                            ? statement.statementId() + " · DRAFT" : statement.number() + " · " + statement.statementId());
                    text(regular, 7, MUTED, MARGIN_SIDE, top - 10, fit(regular, 7, reference, width - 80));
                    text(regular, 7, MUTED, MARGIN_SIDE, top - 20, "Content SHA-256 " + statement.contentSha256());
                    String pageOf = "Page " + (index + 1) + " / " + count;
                    text(bold, 8, INK, MARGIN_SIDE + width - width(bold, 8, pageOf), top - 10, pageOf);
                } finally {
                    content = null;
                }
            }
        }

        void close() throws IOException {
            content.close();
            content = null;
        }

        private List<String> headings() {
            return statement.columns().stream().map(PrintedColumn::heading).toList();
        }

        private float captionHeight() {
            return 10 * LEADING + 4;
        }

        private void caption(String caption) throws IOException {
            List<String> lines = wrap(bold, 10, caption, width);
            for (String line : lines) {
                text(bold, 10, INK, MARGIN_SIDE, y - 10, line);
                y -= 10 * LEADING;
            }
            y -= 4;
        }

        private void heading(String heading, float[] colour) throws IOException {
            ensure(11 * LEADING + BODY_SIZE * LEADING * 2);
            text(bold, 11, colour, MARGIN_SIDE, y - 11, heading);
            y -= 11 * LEADING + 4;
        }

        private float rowHeight(List<String> cells, PDFont font) throws IOException {
            int lines = 1;
            for (int column = 0; column < cells.size(); column++) {
                lines = Math.max(lines, wrap(font, TABLE_SIZE, cells.get(column),
                        columnWidths[column] - 2 * CELL_PADDING).size());
            }
            return lines * TABLE_SIZE * LEADING + 2 * CELL_PADDING;
        }

        private void row(List<String> cells, PDFont font, boolean heading) throws IOException {
            float height = rowHeight(cells, font);
            if (heading) {
                content.setNonStrokingColor(HEADER_FILL[0], HEADER_FILL[1], HEADER_FILL[2]);
                content.addRect(MARGIN_SIDE, y - height, width, height);
                content.fill();
            }
            float left = MARGIN_SIDE;
            for (int column = 0; column < cells.size(); column++) {
                float cellWidth = columnWidths[column] - 2 * CELL_PADDING;
                Alignment alignment = statement.columns().get(column).alignment();
                float baseline = y - CELL_PADDING - TABLE_SIZE;
                for (String line : wrap(font, TABLE_SIZE, cells.get(column), cellWidth)) {
                    float x = alignment == Alignment.RIGHT
                            ? left + CELL_PADDING + cellWidth - width(font, TABLE_SIZE, line)
                            : left + CELL_PADDING;
                    text(font, TABLE_SIZE, INK, x, baseline, line);
                    baseline -= TABLE_SIZE * LEADING;
                }
                left += columnWidths[column];
            }
            y -= height;
            line(MARGIN_SIDE, y, MARGIN_SIDE + width, y, heading ? 0.8f : 0.25f);
        }

        /** Starts a new page when fewer than {@code height} points are left above the footer. */
        private void ensure(float height) throws IOException {
            if (y - height < bottom) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            boolean first = content == null && document.getNumberOfPages() == 0;
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            if (statement.draft()) {
                watermark();
            }
            y = PAGE.getHeight() - MARGIN_TOP;
            if (!first) {
                String running = statement.title() + " · "
                        + (statement.draft() ? statement.statementId() + " · DRAFT" : statement.number());
                text(regular, 7, MUTED, MARGIN_SIDE, y + 14, fit(regular, 7, running, width));
            }
        }

        /** DRAFT across the page, in a light grey under everything else (no transparency, as PDF/A wants). */
        private void watermark() throws IOException {
            float size = 120;
            String mark = "DRAFT";
            float markWidth = width(bold, size, mark);
            content.beginText();
            content.setFont(bold, size);
            content.setNonStrokingColor(WATERMARK[0], WATERMARK[1], WATERMARK[2]);
            double angle = Math.toRadians(45);
            float cos = (float) Math.cos(angle);
            float sin = (float) Math.sin(angle);
            float centreX = PAGE.getWidth() / 2;
            float centreY = PAGE.getHeight() / 2;
            float x = centreX - (markWidth / 2) * cos + (size / 3) * sin;
            float y0 = centreY - (markWidth / 2) * sin - (size / 3) * cos;
            content.setTextMatrix(new Matrix(cos, sin, -sin, cos, x, y0));
            content.showText(mark);
            content.endText();
        }

        private void rectangle(float x, float y, float w, float h) throws IOException {
            content.setStrokingColor(RULE[0], RULE[1], RULE[2]);
            content.setLineWidth(0.6f);
            content.addRect(x, y, w, h);
            content.stroke();
        }

        private void line(float x1, float y1, float x2, float y2, float lineWidth) throws IOException {
            content.setStrokingColor(RULE[0], RULE[1], RULE[2]);
            content.setLineWidth(lineWidth);
            content.moveTo(x1, y1);
            content.lineTo(x2, y2);
            content.stroke();
        }

        private void text(PDFont font, float size, float[] colour, float x, float baseline, String text)
                throws IOException {
            if (text.isEmpty()) {
                return;
            }
            content.beginText();
            content.setFont(font, size);
            content.setNonStrokingColor(colour[0], colour[1], colour[2]);
            content.newLineAtOffset(x, baseline);
            content.showText(printable(font, text));
            content.endText();
        }
    }

    /** The text with what the font cannot show replaced by '?', and control characters by spaces. */
    static String printable(PDFont font, String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)) {
                shown.append(' ');
                return;
            }
            String character = new String(Character.toChars(codePoint));
            try {
                font.encode(character);
                shown.append(character);
            } catch (IOException | IllegalArgumentException missing) {
                shown.append('?');
            }
        });
        return shown.toString();
    }

    static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(printable(font, text)) / 1000 * size;
    }

    /** One line, cut with an ellipsis if wider than {@code available}: only for running headers and totals. */
    static String fit(PDFont font, float size, String text, float available) throws IOException {
        if (width(font, size, text) <= available) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(font, size, cut + "…") > available) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** Lines no wider than {@code available}: broken at spaces, a word wider than a line broken where it must. */
    static List<String> wrap(PDFont font, float size, String text, float available) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(font, size, candidate) <= available) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(font, size, rest) > available && rest.length() > 1) {
                int end = rest.length() - 1;
                while (end > 1 && width(font, size, rest.substring(0, end)) > available) {
                    end--;
                }
                lines.add(rest.substring(0, end));
                rest = rest.substring(end);
            }
            line.append(rest);
        }
        lines.add(line.toString());
        return lines;
    }
}
