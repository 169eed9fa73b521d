package eu.gpuledger.ledger.usage;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Line-at-a-time access to delimited text with a header line (sacct {@code --parsable2}, CSV without quoting).
 * Holds one line at a time: a line is split by recording where its fields start and end, and a field becomes a
 * String only when a reader asks for it, so unused columns cost no allocation.
 * <p>
 * Columns are found by name (case-insensitive, as Slurm accepts them), in any order; extra columns are allowed.
 * Blank lines carry no record and are skipped, but still count for line numbers.
 * <p>
 * Bounded ({@link ImportLimits}): a line longer than the limit is never held whole (what is past the limit is
 * skipped as it is read) and is rejected on its own; a line past the most lines an import may carry ends the
 * reading with {@link TooManyLines}. Lines end at {@code \n}, {@code \r} or {@code \r\n}, as for
 * {@link BufferedReader#readLine()}.
 */
public final class DelimitedInput implements Closeable {

    /** A bound on the columns of a header: sacct has about 120 fields, a bigger header is not usage data. */
    public static final int COLUMNS_MAX = 512;

    /** Stands for a line longer than {@link ImportLimits#lineCharsMax()}, compared by identity. */
    private static final String TOO_LONG = new String("(too long)");
    private static final int BUFFER_CHARS = 1 << 16;

    private final Reader input;
    private final ImportLimits limits;
    private final char[] buffer = new char[BUFFER_CHARS];
    private int position;
    private int filled;
    private boolean skipLineFeed;
    private final char delimiter;
    private final Map<String, Integer> columnByName;
    private final int columnCount;
    /** sacct {@code --parsable} (not 2) ends every line with the delimiter; tolerated when the header does too. */
    private final boolean trailingDelimiter;
    private final int[] fieldStarts;
    private final int[] fieldEnds;

    private String line;
    private boolean lineTooLong;
    private int fieldCount;
    private long lineNumber;

    /**
     * Reads the header line.
     *
     * @param format          the input's name for messages, e.g. {@code sacct}
     * @param requiredColumns the columns without which nothing can be read
     * @throws UnreadableHeader       when the input is empty or names a column twice
     * @throws MissingRequiredColumn  naming the first required column the header lacks
     */
    public DelimitedInput(Reader reader, char delimiter, String format, List<String> requiredColumns) {
        this(reader, delimiter, format, requiredColumns, ImportLimits.DEFAULT);
    }

    /** As above, within {@code limits}. */
    public DelimitedInput(Reader reader, char delimiter, String format, List<String> requiredColumns,
                          ImportLimits limits) {
        this.input = reader;
        this.limits = limits;
        this.delimiter = delimiter;
        String header = readLine();
        if (header == TOO_LONG) {
            throw new UnreadableHeader("header", "is longer than " + limits.lineCharsMax() + " characters");
        }
        if (header == null || header.isBlank()) {
            throw new UnreadableHeader("header", "is missing: " + format + " input starts with a header line naming its columns");
        }
        lineNumber = 1;
        this.trailingDelimiter = header.length() > 1 && header.charAt(header.length() - 1) == delimiter;
        String[] names = split(trailingDelimiter ? header.substring(0, header.length() - 1) : header, delimiter);
        if (names.length > COLUMNS_MAX) {
            throw new UnreadableHeader("header", "has " + names.length + " columns, more than " + COLUMNS_MAX);
        }
        this.columnCount = names.length;
        this.columnByName = new HashMap<>(names.length * 2);
        for (int column = 0; column < names.length; column++) {
            String name = names[column].strip().toLowerCase(Locale.ROOT);
            if (columnByName.putIfAbsent(name, column) != null) {
                throw new UnreadableHeader(names[column].strip(), "is named twice in the header (line 1)");
            }
        }
        for (String required : requiredColumns) {
            if (!columnByName.containsKey(required.toLowerCase(Locale.ROOT))) {
                throw new MissingRequiredColumn(required, format);
            }
        }
        this.fieldStarts = new int[columnCount + 1];
        this.fieldEnds = new int[columnCount + 1];
    }

    /** The index of a column, or -1 when the header does not name it (an optional column). */
    public int column(String name) {
        Integer column = columnByName.get(name.toLowerCase(Locale.ROOT));
        return column == null ? -1 : column;
    }

    public int columnCount() {
        return columnCount;
    }

    /**
     * Moves to the next non-blank line.
     *
     * @return false at the end of the input
     */
    public boolean next() {
        while (true) {
            if (lineNumber - 1 >= limits.linesMax()) {
                if (readLine() == null) {
                    line = null;
                    return false;
                }
                throw new TooManyLines(limits.linesMax(), lineNumber);
            }
            String read = readLine();
            if (read == null) {
                line = null;
                return false;
            }
            lineNumber++;
            if (read == TOO_LONG) {
                line = null;
                lineTooLong = true;
                fieldCount = 0;
                return true;
            }
            lineTooLong = false;
            if (!read.isBlank()) {
                line = read;
                splitCurrent();
                return true;
            }
        }
    }

    /** Whether the current line was longer than the limit: then it has no fields, and is rejected. */
    public boolean lineTooLong() {
        return lineTooLong;
    }

    public ImportLimits limits() {
        return limits;
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** How many fields the current line has; when it differs from {@link #columnCount()} no field is read. */
    public int fieldCount() {
        return fieldCount;
    }

    /** The current line's field in {@code column}, as a new String. */
    public String field(int column) {
        return line.substring(fieldStarts[column], fieldEnds[column]);
    }

    public boolean fieldIsEmpty(int column) {
        return fieldStarts[column] == fieldEnds[column];
    }

    /** Whether the field holds {@code character}, without making a String of it. */
    public boolean fieldContains(int column, char character) {
        int at = line.indexOf(character, fieldStarts[column]);
        return at >= 0 && at < fieldEnds[column];
    }

    /**
     * The field as a non-negative whole number, read without allocation.
     *
     * @return the number, or -1 when the field is empty, holds anything but digits or exceeds 18 digits
     */
    public long fieldAsWholeNumber(int column) {
        int start = fieldStarts[column];
        int end = fieldEnds[column];
        if (start == end || end - start > 18) {
            return -1;
        }
        long value = 0;
        for (int at = start; at < end; at++) {
            char digit = line.charAt(at);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    /** The current line, for fields a reader parses in place. */
    public String line() {
        return line;
    }

    public int fieldStart(int column) {
        return fieldStarts[column];
    }

    public int fieldEnd(int column) {
        return fieldEnds[column];
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }

    private void splitCurrent() {
        int end = line.length();
        if (trailingDelimiter && end > 0 && line.charAt(end - 1) == delimiter) {
            end--;
        }
        int count = 0;
        int start = 0;
        while (true) {
            int next = line.indexOf(delimiter, start);
            if (next < 0 || next >= end) {
                next = end;
            }
            if (count <= columnCount) {
                fieldStarts[count] = start;
                fieldEnds[count] = next;
            }
            count++;
            if (next == end) {
                break;
            }
            start = next + 1;
        }
        fieldCount = count;
    }

    /**
     * The next line without its terminator, {@link #TOO_LONG} for a line longer than the limit (skipped to its
     * end), or null at the end of the input.
     */
    private String readLine() {
        if (skipLineFeed) {
            skipLineFeed = false;
            if (position < filled || fill()) {
                if (buffer[position] == '\n') {
                    position++;
                }
            }
        }
        StringBuilder carried = null;
        long length = 0;
        boolean anything = false;
        while (true) {
            if (position >= filled && !fill()) {
                if (!anything) {
                    return null;
                }
                return length > limits.lineCharsMax() ? TOO_LONG : carried == null ? "" : carried.toString();
            }
            anything = true;
            int start = position;
            while (position < filled && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int count = position - start;
            length += count;
            boolean ended = position < filled;
            if (length <= limits.lineCharsMax()) {
                if (ended && carried == null) {
                    String complete = new String(buffer, start, count);
                    endLine();
                    return complete;
                }
                if (carried == null) {
                    carried = new StringBuilder(Math.max(16, count * 2));
                }
                carried.append(buffer, start, count);
            } else {
                carried = null; // past the limit: the rest of the line is skipped, never held
            }
            if (ended) {
                endLine();
                return length > limits.lineCharsMax() ? TOO_LONG : carried.toString();
            }
        }
    }

    /** Steps over the terminator at {@link #position}; a {@code \r} may be followed by a {@code \n} to skip. */
    private void endLine() {
        char terminator = buffer[position++];
        if (terminator == '\r') {
            if (position < filled) {
                if (buffer[position] == '\n') {
                    position++;
                }
            } else {
                skipLineFeed = true;
            }
        }
    }

    private boolean fill() {
        try {
            int read;
            do {
                read = input.read(buffer, 0, buffer.length);
            } while (read == 0);
            if (read < 0) {
                position = filled = 0;
                return false;
            }
            position = 0;
            filled = read;
            return true;
        } catch (IOException reading) {
            throw new UncheckedIOException(reading);
        }
    }

    private static String[] split(String text, char delimiter) {
        return text.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
    }
}
