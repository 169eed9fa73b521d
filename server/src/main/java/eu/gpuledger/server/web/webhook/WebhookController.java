package eu.gpuledger.server.web.webhook;

import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.catalogue.ProviderId;
import eu.gpuledger.ledger.refusal.InvalidInput;
import eu.gpuledger.ledger.refusal.UnknownReference;
import eu.gpuledger.ledger.webhook.NoticeType;
import eu.gpuledger.ledger.webhook.WebhookCommands.DisableWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.RegisterWebhook;
import eu.gpuledger.ledger.webhook.WebhookCommands.Registration;
import eu.gpuledger.ledger.webhook.WebhookDisabled;
import eu.gpuledger.ledger.webhook.WebhookId;
import eu.gpuledger.ledger.webhook.WebhookPolicy;
import eu.gpuledger.ledger.webhook.WebhookSecret;
import eu.gpuledger.server.security.ReadAccess;
import eu.gpuledger.server.web.Inputs;
import eu.gpuledger.server.web.LedgerGateway;
import eu.gpuledger.server.webhook.WebhookQueries;
import eu.gpuledger.server.webhook.WebhookQueries.Page;
import eu.gpuledger.server.webhook.WebhookQueries.WebhookView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Webhook registrations (API.md, docs/webhooks.md): the rules are the {@code Webhook} aggregate's. */
@RestController
@RequestMapping("/api/v1/webhooks")
public class WebhookController {

    private static final int EVENTS_MAX = NoticeType.values().length;

    private final LedgerGateway ledger;
    private final WebhookQueries webhooks;
    private final ReadAccess readAccess;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public WebhookController(LedgerGateway ledger, WebhookQueries webhooks, ReadAccess readAccess, Clock clock) {
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.readAccess = readAccess;
        this.clock = clock;
    }

    public record WebhookRequest(String url, String secret, List<String> events, String providerId, String cluster) {
    }

    /** 201 with the generated secret (shown this once) for a new registration, 200 otherwise. */
    @PutMapping("/{webhookId}")
    public ResponseEntity<Map<String, Object>> put(@PathVariable String webhookId, @RequestBody WebhookRequest body) {
        WebhookId id = WebhookId.parse(webhookId, "webhookId");
        RegisterWebhook command = new RegisterWebhook(id, url(body.url()),
                body.secret() == null ? null : WebhookSecret.parse(body.secret(), "secret"),
                WebhookSecret.generate(random), events(body.events()),
                body.providerId() == null ? null : ProviderId.parse(body.providerId(), "providerId"),
                body.cluster() == null ? null : ClusterName.parse(body.cluster(), "cluster"), clock.instant());
        Registration registration = ledger.send(command, null);
        Map<String, Object> answer = answerOf(view(webhookId));
        if (registration.generatedSecret() != null) {
            answer.put("secret", registration.generatedSecret().value());
        }
        return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @GetMapping
    public List<WebhookView> list() {
        return webhooks.list(readAccess.webhooks());
    }

    @GetMapping("/{webhookId}")
    public WebhookView get(@PathVariable String webhookId) {
        return readable(webhookId);
    }

    /** Disables the webhook: nothing more is sent to it, its pending deliveries stop; a PUT enables it again. */
    @DeleteMapping("/{webhookId}")
    public WebhookView disable(@PathVariable String webhookId) {
        readable(webhookId);
        ledger.send(new DisableWebhook(WebhookId.parse(webhookId, "webhookId"), WebhookDisabled.Cause.REQUESTED,
                "disabled by request"), null);
        return view(webhookId);
    }

    @GetMapping("/{webhookId}/deliveries")
    public Page deliveries(@PathVariable String webhookId,
                           @RequestParam(defaultValue = "" + WebhookQueries.PAGE_LIMIT_DEFAULT) int limit,
                           @RequestParam(required = false) String after) {
        readable(webhookId);
        return webhooks.deliveries(webhookId, limit, Optional.ofNullable(after));
    }

    /** A new attempt now, with the same {@code webhook-id}. */
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    public ResponseEntity<Map<String, Object>> redeliver(@PathVariable String webhookId,
                                                         @PathVariable long deliveryId) {
        readable(webhookId);
        webhooks.redeliver(webhookId, deliveryId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("webhookId", webhookId,
                "deliveryId", deliveryId, "state", "PENDING"));
    }

    private WebhookView readable(String webhookId) {
        WebhookView view = view(webhookId);
        readAccess.webhook(webhookId, Optional.ofNullable(view.providerId()));
        return view;
    }

    private WebhookView view(String webhookId) {
        return webhooks.find(webhookId).orElseThrow(() -> new UnknownReference("webhookId", webhookId));
    }

    private static Map<String, Object> answerOf(WebhookView view) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("webhookId", view.webhookId());
        answer.put("version", view.version());
        answer.put("url", view.url());
        answer.put("events", view.events());
        if (view.providerId() != null) {
            answer.put("providerId", view.providerId());
        }
        if (view.cluster() != null) {
            answer.put("cluster", view.cluster());
        }
        answer.put("enabled", view.enabled());
        return answer;
    }

    private static URI url(String value) {
        String text = Inputs.text(value, "url", WebhookPolicy.URL_CHARS_MAX);
        try {
            return new URI(text);
        } catch (URISyntaxException unreadable) {
            throw new InvalidInput("url", "is not a URL: " + unreadable.getReason());
        }
    }

    private static Set<NoticeType> events(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidInput("events", "must name at least one of " + List.of(NoticeType.values()));
        }
        if (names.size() > EVENTS_MAX) {
            throw new InvalidInput("events", "names at most " + EVENTS_MAX + " types, got " + names.size());
        }
        Set<NoticeType> events = EnumSet.noneOf(NoticeType.class);
        for (String name : names) {
            events.add(Inputs.oneOf(NoticeType.class, name, "events"));
        }
        return events;
    }
}
