package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.webhook.WebhookPolicy;
import eu.gpuledger.server.config.ProcessingProperties;
import eu.gpuledger.server.database.DatabaseProperties;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashSet;

/**
 * The webhooks' rule of destinations, from the settings, for the write model ({@code Webhook}) and the sender; and
 * the notices processor: pooled streaming, one segment (registrations and notices in the order stored), its token in
 * the shared JDBC token store, written in the transaction of its deliveries (docs/webhooks.md).
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /**
     * Development mode, where loopback receivers are allowed, is the setting's, or the README's development mode
     * itself: the ledger on its embedded database, as {@code scripts/run} starts it on a workstation (the same rule
     * as its printed administrator token, {@code DevelopmentAdminToken}).
     */
    @Bean
    public WebhookPolicy webhookPolicy(WebhookProperties settings, DatabaseProperties database) {
        return new WebhookPolicy(new HashSet<>(settings.allowedHosts()),
                settings.developmentMode() || database.embedded(), settings.allowPrivateAddresses(),
                settings.secretOverlap());
    }

    @Autowired
    public void configureNoticesProcessor(EventProcessingConfigurer processing, ProcessingProperties settings) {
        processing.registerPooledStreamingEventProcessor(WebhookNotices.PROCESSING_GROUP,
                configuration -> configuration.eventStore(),
                (configuration, builder) -> builder
                        .batchSize(settings.batchSize())
                        .initialSegmentCount(1)
                        .maxClaimedSegments(1));
    }
}
