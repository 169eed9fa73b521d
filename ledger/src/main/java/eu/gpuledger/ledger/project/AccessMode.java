package eu.gpuledger.ledger.project;

/** How a project obtained its hours: GENCI's calls, EuroHPC's access modes, or paid access. */
public enum AccessMode {
    /** GENCI Accès Dynamique: up to 50,000 normalised GPU-hours, any time, one year. */
    GENCI_DYNAMIC,
    /** GENCI Accès Régulier: two calls a year. */
    GENCI_REGULAR,
    EUROHPC_EXTREME_SCALE,
    EUROHPC_REGULAR,
    EUROHPC_BENCHMARK,
    EUROHPC_DEVELOPMENT,
    EUROHPC_AI_FACTORY,
    /** Paid access on a private provider. */
    PAID;

    /**
     * The mode named by its constant or by the short code centres use: AD (Accès Dynamique), AR (Accès Régulier).
     *
     * @return empty when the text names no mode
     */
    public static java.util.Optional<AccessMode> fromText(String text) {
        String code = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (code) {
            case "AD", "ACCES_DYNAMIQUE", "DYNAMIC" -> java.util.Optional.of(GENCI_DYNAMIC);
            case "AR", "ACCES_REGULIER", "REGULAR" -> java.util.Optional.of(GENCI_REGULAR);
            default -> java.util.Arrays.stream(values()).filter(mode -> mode.name().equals(code)).findFirst();
        };
    }
}
