package eu.gpuledger.server.webhook;

import eu.gpuledger.ledger.webhook.WebhookPolicy;
import eu.gpuledger.server.config.ProcessingProperties;
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

    @Bean
    public WebhookPolicy webhookPolicy(WebhookProperties settings) {
        return new WebhookPolicy(new HashSet<>(settings.allowedHosts()), settings.developmentMode(),
                settings.allowPrivateAddresses(), settings.secretOverlap());
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
