package eu.gpuledger.server.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, built as Axon's Spring Boot configuration builds it, that remembers the class of each
 * payload type name and the reader of each class. Axon's own looks the class up by name through the class loader
 * and makes a new reader for every event it reads: on a rebuild of a million events, a second and a half of the
 * reading thread's time.
 */
final class EventJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    EventJacksonSerializer(RevisionResolver revisionResolver, ObjectMapper objectMapper, ClassLoader classLoader) {
        super(JacksonSerializer.builder().revisionResolver(revisionResolver)
                .converter(new ChainingConverter(classLoader)).objectMapper(objectMapper));
    }

    /** A class found is remembered; a name not (yet) known to be a class is asked again each time, as Axon does. */
    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (!UnknownSerializedType.class.isAssignableFrom(found)) {
            classes.putIfAbsent(type.getName(), found);
        }
        return found;
    }

    /** Readers are immutable and safe to share; the mapper is not changed once the application has started. */
    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
