package eu.gpuledger.server.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;

import java.util.function.Consumer;

/**
 * JSON request bodies are read as written, or refused (400, {@link JsonProblems} names the field). The features
 * Spring Boot can set are in application.yml ({@code spring.jackson.deserialization.*}: unknown fields, null for a
 * primitive, text after the body); what it cannot set is here: Jackson's scalar coercions, which by default turn
 * {@code 1.5} into the whole number 1, {@code "8"} into 8, {@code 1} into true and {@code 5} into the id "5". A
 * ledger that rounds a refund's GPU-seconds or reads a typo as a default is wrong without saying so.
 *
 * <p>Decimals may still be written as JSON text ({@code "eurPerGpuHour": "1.20"}): money is written that way to
 * keep it exact, and the text is parsed exactly. This is Boot's web mapper (Jackson 3); Axon's event serializer
 * (Jackson 2) is another mapper and reads only what the ledger itself wrote.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder
                .withCoercionConfig(LogicalType.Integer, refusing(CoercionInputShape.Float,
                        CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Float, refusing(CoercionInputShape.EmptyString,
                        CoercionInputShape.Boolean))
                .withCoercionConfig(LogicalType.Boolean, refusing(CoercionInputShape.Integer,
                        CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.EmptyString))
                .withCoercionConfig(LogicalType.Textual, refusing(CoercionInputShape.Integer,
                        CoercionInputShape.Float, CoercionInputShape.Boolean));
    }

    /** A value of the logical type may not be written in these JSON shapes: reading one fails, naming the field. */
    private static Consumer<MutableCoercionConfig> refusing(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }
}
