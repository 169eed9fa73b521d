package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import eu.gpuledger.ledger.allocation.Charge;
import eu.gpuledger.ledger.catalogue.ClusterName;
import eu.gpuledger.ledger.quantity.NormalisationFactor;
import eu.gpuledger.ledger.quantity.PricePerGpuHour;
import eu.gpuledger.ledger.usage.UsageRecordId;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a {@link Charge} field by field. A charge is stored millions of times (a batch of them per
 * {@code ConsumptionRecorded}), and Jackson's general reader for records (a buffer of creator properties, a reflective
 * call per identifier type) was most of a rebuild's reading time. This reader gives exactly what Jackson's would:
 * absent fields are null (or 0), unknown fields follow the mapper's setting, and a value in any form other than the
 * one Jackson writes (a number as text, say) goes to the deserializer Jackson would have used for that field.
 * Factors, prices and cluster names repeat across millions of charges: each distinct text is made into a value once.
 * {@code ChargeDeserializerTest} checks it against Jackson's own reader, and fails when {@link Charge} gains a field.
 */
final class ChargeDeserializer extends StdDeserializer<Charge> implements ResolvableDeserializer {

    /** Charge's components, in order: the reader knows exactly these. */
    static final List<String> FIELDS = List.of("recordId", "cluster", "jobId", "user", "partition", "chargedGpus",
            "start", "end", "elapsedSeconds", "factor", "price");
    private static final int DISTINCT_VALUES_KEPT = 1_000;

    private final Map<String, ClusterName> clusters = new ConcurrentHashMap<>();
    private final Map<String, NormalisationFactor> factors = new ConcurrentHashMap<>();
    private final Map<String, PricePerGpuHour> prices = new ConcurrentHashMap<>();
    /** Jackson's own deserializer of each component, for values in any other form; found when the mapper resolves. */
    private JsonDeserializer<?>[] general;

    ChargeDeserializer() {
        super(Charge.class);
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        RecordComponent[] components = Charge.class.getRecordComponents();
        JsonDeserializer<?>[] found = new JsonDeserializer<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            found[i] = context.findRootValueDeserializer(context.constructType(components[i].getGenericType()));
        }
        general = found;
    }

    @Override
    public Charge deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            token = parser.nextToken();
        } else if (token != JsonToken.FIELD_NAME) {
            return (Charge) context.handleUnexpectedToken(Charge.class, parser);
        }
        UsageRecordId recordId = null;
        ClusterName cluster = null;
        String jobId = null;
        String user = null;
        String partition = null;
        int chargedGpus = 0;
        Instant start = null;
        Instant end = null;
        long elapsedSeconds = 0;
        NormalisationFactor factor = null;
        PricePerGpuHour price = null;
        for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "recordId" -> recordId = value == JsonToken.VALUE_STRING ? UsageRecordId.of(parser.getText())
                        : (UsageRecordId) general(0, parser, context);
                case "cluster" -> cluster = value == JsonToken.VALUE_STRING
                        ? kept(clusters, parser.getText(), ClusterName::of) : (ClusterName) general(1, parser, context);
                case "jobId" -> jobId = text(2, parser, context);
                case "user" -> user = text(3, parser, context);
                case "partition" -> partition = text(4, parser, context);
                case "chargedGpus" -> chargedGpus = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue()
                        : (Integer) general(5, parser, context);
                case "start" -> start = instant(6, parser, context);
                case "end" -> end = instant(7, parser, context);
                case "elapsedSeconds" -> elapsedSeconds = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue()
                        : (Long) general(8, parser, context);
                case "factor" -> factor = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
                        ? kept(factors, parser.getText(), text -> NormalisationFactor.of(parser.getDecimalValue()))
                        : (NormalisationFactor) general(9, parser, context);
                case "price" -> price = value == JsonToken.VALUE_STRING
                        ? kept(prices, parser.getText(), PricePerGpuHour::of)
                        : (PricePerGpuHour) general(10, parser, context);
                default -> context.handleUnknownProperty(parser, this, Charge.class, field);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            return (Charge) context.handleUnexpectedToken(Charge.class, parser);
        }
        return new Charge(recordId, cluster, jobId, user, partition, chargedGpus, start, end, elapsedSeconds,
                factor, price);
    }

    private Object general(int component, JsonParser parser, DeserializationContext context) throws IOException {
        JsonDeserializer<?> deserializer = general[component];
        return parser.currentToken() == JsonToken.VALUE_NULL ? deserializer.getNullValue(context)
                : deserializer.deserialize(parser, context);
    }

    private String text(int component, JsonParser parser, DeserializationContext context) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText()
                : (String) general(component, parser, context);
    }

    private Instant instant(int component, JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant instant = IsoInstants.parseUtc(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return (Instant) general(component, parser, context);
    }

    /** The value made from {@code text}, made once while few distinct texts have been seen. */
    private static <V> V kept(Map<String, V> values, String text, ValueOf<V> valueOf) throws IOException {
        V value = values.get(text);
        if (value == null) {
            value = valueOf.apply(text);
            if (values.size() < DISTINCT_VALUES_KEPT) {
                values.putIfAbsent(text, value);
            }
        }
        return value;
    }

    private interface ValueOf<V> {
        V apply(String text) throws IOException;
    }
}
