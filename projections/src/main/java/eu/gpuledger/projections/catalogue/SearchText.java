package eu.gpuledger.projections.catalogue;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text a search compares, folded once: lower case, accents taken off (decomposed, combining marks dropped), the
 * ligatures spelled out, so that "meteo" finds "Météo-France" and "OEUVRE" finds "Œuvre". The catalogue projection
 * writes a project's folded text; a query folds its words the same way.
 */
public final class SearchText {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private SearchText() {
    }

    public static String of(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    }

    /** The words a project is found by: its id, title, principal investigator and organisation. */
    public static String ofProject(String projectId, String title, String principalInvestigator,
                                   String organisation) {
        return of(projectId + " " + title + " " + principalInvestigator + " " + organisation);
    }
}
