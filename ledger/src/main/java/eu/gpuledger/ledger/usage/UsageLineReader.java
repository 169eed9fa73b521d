package eu.gpuledger.ledger.usage;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streaming reader of one usage format: one {@link LineOutcome} per non-blank data line, read on demand, so a
 * million-line import never sits in memory. Not thread-safe; read it from one thread, once.
 *
 * @param <R> the record a readable line carries
 */
public abstract class UsageLineReader<R> implements Iterator<LineOutcome<R>>, Closeable {

    protected final DelimitedInput input;
    private LineOutcome<R> nextOutcome;
    private boolean exhausted;

    protected UsageLineReader(DelimitedInput input) {
        this.input = input;
    }

    /** Classifies the current line of {@link #input}; throws {@link LineRejection} for an unreadable field. */
    protected abstract LineOutcome<R> classify();

    @Override
    public boolean hasNext() {
        if (nextOutcome != null) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        if (!input.next()) {
            exhausted = true;
            return false;
        }
        nextOutcome = classifyCurrent();
        return true;
    }

    @Override
    public LineOutcome<R> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the usage input has no more lines");
        }
        LineOutcome<R> outcome = nextOutcome;
        nextOutcome = null;
        return outcome;
    }

    /** The outcomes as a sequential stream; closing the stream closes the input. */
    public Stream<LineOutcome<R>> stream() {
        Spliterator<LineOutcome<R>> lines = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(lines, false).onClose(this::close);
    }

    @Override
    public void close() {
        input.close();
    }

    private LineOutcome<R> classifyCurrent() {
        long lineNumber = input.lineNumber();
        if (input.lineTooLong()) {
            return new LineOutcome.Rejected<>(lineNumber, "the line is longer than " + input.limits().lineCharsMax()
                    + " characters (ledger.limits.import-line-chars)");
        }
        if (input.fieldCount() != input.columnCount()) {
            return new LineOutcome.Rejected<>(lineNumber, "the line has " + input.fieldCount()
                    + " fields where the header names " + input.columnCount()
                    + " columns (a field holding the delimiter, or a truncated line)");
        }
        try {
            return classify();
        } catch (LineRejection rejection) {
            return new LineOutcome.Rejected<>(lineNumber, rejection.reason());
        }
    }
}
