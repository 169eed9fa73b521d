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
import com.fasterxml.jackson.annotation.JsonInclude;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.projections.catalogue.FindProjects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Projects (dossiers). */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectController {

    private static final int PAGE_LIMIT_DEFAULT = 100;

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
                accessMode(body.accessMode()));
        ledger.send(command, null);
        return new ProjectView(projectId, command.title(), command.principalInvestigator(), command.organisation(),
                command.audience().name(), command.sector(), command.accessMode().name());
    }

    /** A page of projects; {@code next} is absent on the last. */
    public record ProjectPage(List<ProjectView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /**
     * The projects the reader may see that every given filter keeps, a page at a time in project id order;
     * {@code q} finds words in the id, title, principal investigator and organisation, case and accents aside.
     */
    @GetMapping
    public ProjectPage find(@RequestParam(required = false) String audience,
                            @RequestParam(required = false) String accessMode,
                            @RequestParam(required = false) String organisation,
                            @RequestParam(required = false) String providerId,
                            @RequestParam(required = false) String q,
                            @RequestParam(required = false) String after,
                            @RequestParam(defaultValue = "" + PAGE_LIMIT_DEFAULT) long limit) {
        FindProjects.Page page = catalogue.projects(new FindProjects(access.projects(),
                Optional.ofNullable(audience).map(value -> Inputs.oneOf(Audience.class, value, "audience")),
                Optional.ofNullable(accessMode).map(ProjectController::accessMode),
                Optional.ofNullable(organisation).map(value -> Inputs.text(value, "organisation",
                        LedgerLimits.NAME_CHARS_MAX)),
                Optional.ofNullable(providerId).map(value -> ProviderId.parse(value, "providerId")),
                Optional.ofNullable(q).map(value -> Inputs.text(value, "q", FindProjects.TEXT_CHARS_MAX)),
                Optional.ofNullable(after).map(value -> ProjectId.parse(value, "after")),
                (int) Inputs.wholeNumber(limit, "limit", 1, FindProjects.LIMIT_MAX)));
        return new ProjectPage(page.items(), page.next() == null ? null : page.next().value());
    }

    private static AccessMode accessMode(String text) {
        return AccessMode.fromText(InvalidInput.requireText(text, "accessMode"))
                .orElseThrow(() -> new InvalidInput("accessMode", "must be AD, AR or one of "
                        + java.util.Arrays.toString(AccessMode.values()) + ", got '"
                        + LedgerLimits.shown(text) + "'"));
    }

    @GetMapping("/{projectId}")
    public ProjectView get(@PathVariable String projectId) {
        access.project(ProjectId.parse(projectId, "projectId"));
        return catalogue.project(projectId).orElseThrow(() -> new UnknownReference("projectId", projectId));
    }
}
