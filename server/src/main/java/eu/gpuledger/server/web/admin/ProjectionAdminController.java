package eu.gpuledger.server.web.admin;

import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.projections.rebuild.ProjectionRebuilds;
import eu.gpuledger.projections.rebuild.RebuildProgress;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Rebuilds of projections from the event store, while the service runs (docs/projection-rebuild.md). */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

    private final ProjectionRebuilds rebuilds;

    public ProjectionAdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** The projections that can be rebuilt ({@code all} rebuilds them together, in one pass). */
    @GetMapping
    public List<String> projections() {
        return rebuilds.names();
    }

    /** Starts a rebuild (202), or shows the one already running. */
    @PostMapping("/{name}/rebuild")
    public ResponseEntity<RebuildProgress> rebuild(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(name));
    }

    @GetMapping("/{name}/rebuild")
    public RebuildProgress progress(@PathVariable String name) {
        return rebuilds.progress(name).orElseThrow(() -> new UnknownReference("rebuild", name));
    }
}
