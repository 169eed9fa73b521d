package eu.gpuledger.server.web;

import eu.gpuledger.ledger.quantity.GpuSeconds;

import java.math.BigDecimal;

/** A quantity as the API shows it: exact GPU-seconds, and GPU-hours rounded to 2 places for people. */
public record Quantity(long gpuSeconds, BigDecimal gpuHours) {

    public static Quantity of(GpuSeconds seconds) {
        return seconds == null ? null : new Quantity(seconds.value(), seconds.hoursForDisplay());
    }
}
