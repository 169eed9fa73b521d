package eu.gpuledger.ledger.project;

import eu.gpuledger.ledger.refusal.IdempotencyConflict;
import eu.gpuledger.ledger.refusal.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ProjectTest {

    private static final ProjectId PROJECT = ProjectId.of("2025-A0191012641");
    private final AggregateTestFixture<Project> fixture = new AggregateTestFixture<>(Project.class);

    private static RegisterProject register(String title, Audience audience) {
        return new RegisterProject(PROJECT, title, "Alice Martin", "CNRS", audience, "climate",
                AccessMode.GENCI_REGULAR);
    }

    private static ProjectRegistered registered() {
        return new ProjectRegistered(PROJECT, "Climate emulators", "Alice Martin", "CNRS", Audience.ACADEMIC,
                "climate", AccessMode.GENCI_REGULAR);
    }

    @Test
    void a_project_is_registered_with_what_funders_report_it_by() {
        fixture.givenNoPriorActivity().when(register("Climate emulators", Audience.ACADEMIC))
                .expectEvents(registered());
    }

    @Test
    void registering_a_project_again_with_the_same_content_changes_nothing() {
        fixture.given(registered()).when(register("Climate emulators", Audience.ACADEMIC))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registering_a_project_again_with_other_content_is_a_conflict() {
        fixture.given(registered()).when(register("Climate emulators", Audience.STARTUP_SME))
                .expectException(IdempotencyConflict.class);
    }

    @Test
    void a_project_has_a_title() {
        fixture.givenNoPriorActivity().when(register(" ", Audience.ACADEMIC)).expectException(InvalidInput.class);
    }

    @Test
    void a_project_has_an_audience_category() {
        fixture.givenNoPriorActivity().when(register("Climate emulators", null))
                .expectException(InvalidInput.class);
    }
}
