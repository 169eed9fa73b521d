package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.gpuledger.ledger.allocation.Charge;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;

/**
 * How events are written to and read from the event store: Jackson for every serializer (STACK.md trap 2), with the
 * hand-written readers of this package on the paths a rebuild and an import take millions of times
 * (docs/projection-rebuild.md says what each one saves).
 */
@Configuration(proxyBeanMethods = false)
public class EventSerialization {

    /**
     * The serializer of events (payloads and metadata in the event store): Axon's Jackson serializer over
     * {@link #defaultAxonObjectMapper()}, as Axon would build it, with its class and reader look-ups remembered
     * ({@link EventJacksonSerializer}).
     */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(RevisionResolver revisionResolver,
                                      @Qualifier("defaultAxonObjectMapper") ObjectMapper objectMapper) {
        return new EventJacksonSerializer(revisionResolver, objectMapper, getClass().getClassLoader());
    }

    /**
     * Axon's Jackson 2 mapper (Boot 4's own web layer uses Jackson 3). Dates as ISO text, read back by hand
     * ({@link IsoInstantDeserializer}), as are charges ({@link ChargeDeserializer}); unknown fields ignored so that
     * an older node can read an event a newer one added a field to.
     */
    @Bean
    @Qualifier("defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("stored-events")
                        .addDeserializer(Instant.class, new IsoInstantDeserializer())
                        .addDeserializer(Charge.class, new ChargeDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
