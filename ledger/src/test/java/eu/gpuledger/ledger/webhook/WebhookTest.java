package eu.gpuledger.ledger.webhook;

import eu.gpuledger.ledger.access.Actor;
import eu.gpuledger.ledger.access.OutOfScope;
import eu.gpuledger.ledger.access.Role;
import eu.gpuledger.ledger.access.Scope;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.webhook.WebhookCommands.DisableWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.RegisterWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.Registration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A webhook registration: a PUT is idempotent, other content is a new version, a new secret starts a rotation. */
class WebhookTest {

    static final WebhookId HOOK = WebhookId.of("idris-quota");
    static final ProviderId IDRIS = ProviderId.of("idris");
    static final String URL = "https://hooks.idris.fr/ledger";
    static final WebhookSecret FIRST = WebhookSecret.parse("whsec_" + "A".repeat(32), "secret");
    static final WebhookSecret SECOND = WebhookSecret.parse("whsec_" + "B".repeat(32), "secret");
    static final WebhookSecret DRAWN = WebhookSecret.parse("whsec_" + "C".repeat(32), "secret");
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Duration OVERLAP = Duration.ofHours(24);

    private final FixtureConfiguration<Webhook> webhooks = new AggregateTestFixture<>(Webhook.class)
            .registerInjectableResource(new WebhookPolicy(Set.of("hooks.idris.fr"), false, false, OVERLAP));

    private static RegisterWebhook register(WebhookSecret secret, Set<NoticeType> events) {
        return new RegisterWebhook(HOOK, URI.create(URL), secret, DRAWN, events, IDRIS, null, NOW);
    }

    private static WebhookRegistered registered(int version, WebhookSecret secret, List<NoticeType> events,
                                                WebhookSecret previous, Instant previousUntil) {
        return new WebhookRegistered(HOOK, version, URL, secret, events, IDRIS, null, previous, previousUntil);
    }

    @Test
    void a_registration_without_a_secret_takes_the_drawn_one_and_shows_it_once() {
        webhooks.givenNoPriorActivity().when(register(null, Set.of(NoticeType.BLOCKED)))
                .expectEvents(registered(1, DRAWN, List.of(NoticeType.BLOCKED), null, null))
                .expectResultMessagePayload(new Registration(HOOK, 1, true, DRAWN));
    }

    @Test
    void the_same_put_again_changes_nothing_and_shows_no_secret() {
        webhooks.given(registered(1, DRAWN, List.of(NoticeType.BLOCKED), null, null))
                .when(register(null, Set.of(NoticeType.BLOCKED))).expectNoEvents()
                .expectResultMessagePayload(new Registration(HOOK, 1, false, null));
    }

    @Test
    void other_content_is_a_new_version_with_the_same_secret() {
        webhooks.given(registered(1, FIRST, List.of(NoticeType.BLOCKED), null, null))
                .when(register(null, Set.of(NoticeType.UNBLOCKED, NoticeType.BLOCKED)))
                .expectEvents(registered(2, FIRST, List.of(NoticeType.BLOCKED, NoticeType.UNBLOCKED), null, null));
    }

    @Test
    void a_new_secret_keeps_the_old_one_valid_for_the_overlap() {
        webhooks.given(registered(1, FIRST, List.of(NoticeType.BLOCKED), null, null))
                .when(register(SECOND, Set.of(NoticeType.BLOCKED)))
                .expectEvents(registered(2, SECOND, List.of(NoticeType.BLOCKED), FIRST, NOW.plus(OVERLAP)));
    }

    @Test
    void a_url_outside_the_allowed_hosts_is_refused() {
        webhooks.givenNoPriorActivity().when(new RegisterWebhook(HOOK, URI.create("https://evil.example/x"), null,
                DRAWN, Set.of(NoticeType.BLOCKED), IDRIS, ClusterName.of("jean-zay"), NOW))
                .expectException(InvalidInput.class).expectNoEvents();
    }

    @Test
    void a_registration_names_at_least_one_notice_type() {
        webhooks.givenNoPriorActivity().when(register(null, Set.of())).expectException(InvalidInput.class);
    }

    @Test
    void an_accountant_of_another_provider_may_not_change_or_disable_it() {
        Actor cines = new Actor("token:cines", Set.of(Role.CENTRE_ACCOUNTANT),
                new Scope(Set.of(ProviderId.of("cines")), Set.of(), Set.of(), Set.of()));
        webhooks.given(registered(1, FIRST, List.of(NoticeType.BLOCKED), null, null))
                .when(register(null, Set.of(NoticeType.EXPIRING)), cines.toMetadata())
                .expectException(OutOfScope.class);
        webhooks.given(registered(1, FIRST, List.of(NoticeType.BLOCKED), null, null))
                .when(new DisableWebhook(HOOK, WebhookDisabled.Cause.REQUESTED, "no"), cines.toMetadata())
                .expectException(OutOfScope.class);
    }

    @Test
    void a_disabled_webhook_is_enabled_again_by_a_put() {
        webhooks.given(registered(1, FIRST, List.of(NoticeType.BLOCKED), null, null),
                        new WebhookDisabled(HOOK, WebhookDisabled.Cause.GONE, "410"))
                .when(register(null, Set.of(NoticeType.BLOCKED)))
                .expectEvents(registered(2, FIRST, List.of(NoticeType.BLOCKED), null, null));
    }
}
