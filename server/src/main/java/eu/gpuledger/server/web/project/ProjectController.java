package eu.gpuledger.server.web.project;

import eu.gpuledger.ledger.limits.LedgerLimits;
import eu.gpuledger.ledger.project.AccessMode;
import eu.gpuledger.ledger.project.Audience;
import eu.gpuledger.ledger.project.ProjectId;
import eu.gpuledger.ledger.project.RegisterProject;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.projections.catalogue.CatalogueQueries;
import eu.gpuledger.projections.catalogue.CatalogueQueries.ProjectView;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.security.ReadAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Projects (dossiers). */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectController {

    private final LedgerGateway ledger;
    private final CatalogueQueries catalogue;
    private final ReadAccess access;

    public ProjectController(LedgerGateway ledger, CatalogueQueries catalogue, ReadAccess access) {
        this.access = access;
        this.ledger = ledger;
        this.catalogue = catalogue;
    }

    public record ProjectRequest(String title, String principalInvestigator, String organisation, String audience,
                                 String sector, String accessMode) {
    }

    @PutMapping("/{projectId}")
    public ProjectView put(@PathVariable String projectId, @RequestBody ProjectRequest body) {
        ProjectId id = ProjectId.parse(projectId, "projectId");
        RegisterProject command = new RegisterProject(id,
                Inputs.text(body.title(), "title", LedgerLimits.TITLE_CHARS_MAX),
                Inputs.text(body.principalInvestigator(), "principalInvestigator", LedgerLimits.NAME_CHARS_MAX),
                Inputs.text(body.organisation(), "organisation", LedgerLimits.NAME_CHARS_MAX),
                Inputs.oneOf(Audience.class, body.audience(), "audience"),
                Inputs.text(body.sector(), "sector", LedgerLimits.LABEL_CHARS_MAX),
                AccessMode.fromText(InvalidInput.requireText(body.accessMode(), "accessMode"))
                        .orElseThrow(() -> new InvalidInput("accessMode", "must be AD, AR or one of "
                                + java.util.Arrays.toString(AccessMode.values()) + ", got '"
                                + LedgerLimits.shown(body.accessMode()) + "'")));
        ledger.send(command, null);
        return new ProjectView(projectId, command.title(), command.principalInvestigator(), command.organisation(),
                command.audience().name(), command.sector(), command.accessMode().name());
    }

    @GetMapping("/{projectId}")
    public ProjectView get(@PathVariable String projectId) {
        access.project(ProjectId.parse(projectId, "projectId"));
        return catalogue.project(projectId).orElseThrow(() -> new UnknownReference("projectId", projectId));
    }
}
