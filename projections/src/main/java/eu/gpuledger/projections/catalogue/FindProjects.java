package eu.gpuledger.projections.catalogue;

import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ProjectView;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which projects to list, a page at a time in project id order; every filter optional, all holding together.
 *
 * @param readable   the projects the reader may see: every one (empty set and {@code everything}), or those named
 * @param providerId the projects with an allocation on a pool of this provider
 * @param text       words found, case and accents aside, in the id, title, principal investigator or organisation
 * @param after      the last project id of the previous page; empty for the first
 * @param limit      at most this many, in [1, {@link #LIMIT_MAX}]
 */
public record FindProjects(Readable readable, Optional<Audience> audience, Optional<AccessMode> accessMode,
                           Optional<String> organisation, Optional<ProviderId> providerId, Optional<String> text,
                           Optional<ProjectId> after, int limit) {

    public static final int LIMIT_MAX = 500;
    /** A search is a few words, not a document. */
    public static final int TEXT_CHARS_MAX = 200;

    public FindProjects {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        if (text.isPresent() && text.get().length() > TEXT_CHARS_MAX) {
            throw new IllegalArgumentException("a search is at most " + TEXT_CHARS_MAX + " characters");
        }
    }

    public record Readable(Set<ProjectId> projects, boolean everything) {

        public static final Readable EVERYTHING = new Readable(Set.of(), true);

        public Readable {
            projects = Set.copyOf(projects);
        }
    }

    /** @param next the last project id of this page; null on the last page */
    public record Page(List<ProjectView> items, ProjectId next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
