package eu.gpuledger.server.web.correction;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.CorrectClusterTimeZone;
import eu.gpuledger.ledger.catalogue.CorrectProviderName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.correction.CorrectionId;
import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.project.CorrectProjectDescription;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.projections.catalogue.CatalogueQueries;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ClusterView;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ProjectView;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ProviderView;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.web.allocation.AllocationHistory;
import eu.gpuledger.server.web.allocation.HistoryPages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Corrections of descriptive data (a provider's name, a cluster's time zone, a project's title, principal
 * investigator and organisation): each a new version stored as an event with who and why, never an edit of the
 * registration, whose PUT stays idempotent (docs/finding-and-corrections.md). Each record's history shows every
 * version.
 */
@RestController
@RequestMapping("/api/v1")
public class CorrectionController {

    private final LedgerGateway ledger;
    private final CatalogueQueries catalogue;
    private final AllocationHistory history;
    private final ReadAccess access;

    public CorrectionController(LedgerGateway ledger, CatalogueQueries catalogue, AllocationHistory history,
                                ReadAccess access) {
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.history = history;
        this.access = access;
    }

    public record ProviderCorrection(String correctionId, String name, String reason) {
    }

    public record ClusterCorrection(String correctionId, String timeZone, String reason) {
    }

    public record ProjectCorrection(String correctionId, String title, String principalInvestigator,
                                    String organisation, String reason) {
    }

    @PostMapping("/providers/{providerId}/corrections")
    public ProviderView correctProvider(@PathVariable String providerId, @RequestBody ProviderCorrection body) {
        ProviderId id = ProviderId.parse(providerId, "providerId");
        String reason = Inputs.reason(body.reason(), "reason");
        ledger.send(new CorrectProviderName(id, CorrectionId.parse(body.correctionId(), "correctionId"),
                Inputs.text(body.name(), "name", LedgerLimits.NAME_CHARS_MAX), reason), reason);
        return catalogue.provider(id.value()).orElseThrow(() -> new UnknownReference("providerId", providerId));
    }

    @PostMapping("/clusters/{cluster}/corrections")
    public ClusterView correctCluster(@PathVariable String cluster, @RequestBody ClusterCorrection body) {
        ClusterName name = ClusterName.parse(cluster, "cluster");
        String reason = Inputs.reason(body.reason(), "reason");
        ledger.send(new CorrectClusterTimeZone(name, CorrectionId.parse(body.correctionId(), "correctionId"),
                Inputs.zone(Inputs.text(body.timeZone(), "timeZone", LedgerLimits.LABEL_CHARS_MAX), "timeZone"),
                reason), reason);
        return catalogue.cluster(name.value()).orElseThrow(() -> new UnknownReference("cluster", cluster));
    }

    @PostMapping("/projects/{projectId}/corrections")
    public ProjectView correctProject(@PathVariable String projectId, @RequestBody ProjectCorrection body) {
        ProjectId id = ProjectId.parse(projectId, "projectId");
        String reason = Inputs.reason(body.reason(), "reason");
        ledger.send(new CorrectProjectDescription(id, CorrectionId.parse(body.correctionId(), "correctionId"),
                Inputs.text(body.title(), "title", LedgerLimits.TITLE_CHARS_MAX),
                Inputs.text(body.principalInvestigator(), "principalInvestigator", LedgerLimits.NAME_CHARS_MAX),
                Inputs.text(body.organisation(), "organisation", LedgerLimits.NAME_CHARS_MAX), reason), reason);
        return catalogue.project(id.value()).orElseThrow(() -> new UnknownReference("projectId", projectId));
    }

    /** Every version of a provider: its registration and each correction, with who, when and why. */
    @GetMapping("/providers/{providerId}/history")
    public ResponseEntity<List<AllocationHistory.Entry>> providerHistory(
            @PathVariable String providerId, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long limit) {
        return history("Provider", ProviderId.parse(providerId, "providerId").value(), "providerId", after, limit);
    }

    @GetMapping("/clusters/{cluster}/history")
    public ResponseEntity<List<AllocationHistory.Entry>> clusterHistory(
            @PathVariable String cluster, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long limit) {
        return history("Cluster", ClusterName.parse(cluster, "cluster").value(), "cluster", after, limit);
    }

    @GetMapping("/projects/{projectId}/history")
    public ResponseEntity<List<AllocationHistory.Entry>> projectHistory(
            @PathVariable String projectId, @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long limit) {
        ProjectId id = ProjectId.parse(projectId, "projectId");
        access.project(id);
        return history("Project", id.value(), "projectId", after, limit);
    }

    /** A record's history: pages when asked for, the whole (a handful of versions) otherwise. */
    private ResponseEntity<List<AllocationHistory.Entry>> history(String aggregateType, String id, String idField,
                                                                   Long after, Long limit) {
        HistoryPages.Request page = HistoryPages.request(after, limit);
        HistoryPages.Request asked = page == null ? new HistoryPages.Request(-1, AllocationHistory.LIMIT_MAX) : page;
        return HistoryPages.answer(history.page(aggregateType, id, asked.after(), asked.limit()), asked, idField, id);
    }
}
