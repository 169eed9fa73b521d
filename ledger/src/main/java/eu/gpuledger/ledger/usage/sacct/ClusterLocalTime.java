package eu.gpuledger.ledger.usage.sacct;

import eu.gpuledger.ledger.usage.LineRejection;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Turns the local times sacct prints ({@code 2026-10-25T02:30:00}, no offset, in the cluster's time zone) into
 * instants. See docs/charging-rules.md, "Local times".
 * <ul>
 * <li>A local time in the spring gap (02:30 on the last Sunday of March in Europe/Paris does not exist) is
 * shifted forward by the gap, as {@link LocalDateTime#atZone} does: the same instant as reading it with the
 * offset in force before the gap. Slurm never prints such a time from a correct clock.</li>
 * <li>A local time in the autumn overlap (02:30 on the last Sunday of October happens twice) is resolved with
 * the job's ElapsedRaw: of the possible (start, end) pairs, the one whose span is closest to ElapsedRaw without
 * being shorter (a suspended job's span exceeds its elapsed time); failing that the closest; on a tie, the
 * earlier offset. The charge never depends on this choice (it is ElapsedRaw, not End - Start); only the
 * effective time (the end) does, which picks the allocation period.</li>
 * </ul>
 */
public final class ClusterLocalTime {

    /** The times Slurm prints for a time it does not have. */
    private static final String UNKNOWN = "Unknown";
    private static final String NONE = "None";
    private static final int LOCAL_TIME_LENGTH = "2026-10-25T02:30:00".length();

    private final ZoneId zone;
    private final ZoneRules rules;

    public ClusterLocalTime(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The start and end of a job that ran, as instants. */
    public record JobInterval(Instant start, Instant end) {
    }

    /**
     * @param startText       sacct's Start field
     * @param endText         sacct's End field
     * @param elapsedSeconds  sacct's ElapsedRaw, positive
     * @throws LineRejection naming Start or End when it is unknown or unreadable, or End is before Start
     */
    public JobInterval interval(String startText, String endText, long elapsedSeconds) {
        LocalDateTime localStart = parse(startText, "Start", elapsedSeconds);
        LocalDateTime localEnd = parse(endText, "End", elapsedSeconds);
        ZoneOffsetTransition startTransition = rules.getTransition(localStart);
        ZoneOffsetTransition endTransition = rules.getTransition(localEnd);
        Instant[] starts = candidates(localStart, startTransition);
        Instant[] ends = candidates(localEnd, endTransition);
        JobInterval chosen = starts.length == 1 && ends.length == 1
                ? new JobInterval(starts[0], ends[0])
                : closestToElapsed(starts, ends, elapsedSeconds);
        if (chosen.end().isBefore(chosen.start())) {
            throw new LineRejection("End '" + endText + "' is before Start '" + startText + "' in " + zone);
        }
        return chosen;
    }

    /** One instant, or two (earlier offset first) in an autumn overlap. */
    private Instant[] candidates(LocalDateTime local, ZoneOffsetTransition transition) {
        if (transition == null || transition.isGap()) {
            return new Instant[] {local.atZone(zone).toInstant()};
        }
        return new Instant[] {local.toInstant(transition.getOffsetBefore()), local.toInstant(transition.getOffsetAfter())};
    }

    private static JobInterval closestToElapsed(Instant[] starts, Instant[] ends, long elapsedSeconds) {
        JobInterval notShorter = null;
        long notShorterExcess = Long.MAX_VALUE;
        JobInterval closest = null;
        long closestDistance = Long.MAX_VALUE;
        for (Instant start : starts) {
            for (Instant end : ends) {
                long excess = end.getEpochSecond() - start.getEpochSecond() - elapsedSeconds;
                if (excess >= 0 && excess < notShorterExcess) {
                    notShorter = new JobInterval(start, end);
                    notShorterExcess = excess;
                }
                if (Math.abs(excess) < closestDistance) {
                    closest = new JobInterval(start, end);
                    closestDistance = Math.abs(excess);
                }
            }
        }
        return notShorter != null ? notShorter : closest;
    }

    /** Parses {@code yyyy-MM-ddTHH:mm:ss} by position: this runs twice per line of a million-line import. */
    static LocalDateTime parse(String text, String column, long elapsedSeconds) {
        if (text.isEmpty() || text.equals(UNKNOWN) || text.equals(NONE)) {
            throw new LineRejection(column + " is '" + text + "' but the job ran for " + elapsedSeconds
                    + " seconds (ElapsedRaw)");
        }
        if (text.length() != LOCAL_TIME_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            throw unreadable(text, column);
        }
        int year = digits(text, 0, 4, column);
        int month = digits(text, 5, 7, column);
        int day = digits(text, 8, 10, column);
        int hour = digits(text, 11, 13, column);
        int minute = digits(text, 14, 16, column);
        int second = digits(text, 17, 19, column);
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException invalid) {
            throw new LineRejection(column + " '" + text + "' is not a valid date and time: " + invalid.getMessage());
        }
    }

    private static int digits(String text, int start, int end, String column) {
        int value = 0;
        for (int at = start; at < end; at++) {
            char digit = text.charAt(at);
            if (digit < '0' || digit > '9') {
                throw unreadable(text, column);
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    private static LineRejection unreadable(String text, String column) {
        return new LineRejection(column + " '" + text + "' is not a local time of the form 2026-10-25T02:30:00");
    }
}
