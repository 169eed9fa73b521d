package eu.gpuledger.projections.rebuild;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlerInterceptorMemberChain;
import org.axonframework.messaging.annotation.MessageHandlingMember;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections' {@code @EventHandler} methods for a rebuild, inspected as Axon's own adapter inspects them and
 * called through the same interceptor chain, but chosen once per payload type instead of once per event: a million
 * events replay through a handful of types. A projection's handler is chosen by its payload type (our handlers take
 * the payload and at most the message), so the first event of a type picks for every event of that type. Used from
 * one thread at a time.
 */
final class ReplayHandlers {

    /** One projection's handler for one payload type. */
    private record Bound(Object projection, MessageHandlingMember<? super Object> member,
                         MessageHandlerInterceptorMemberChain<Object> interceptors) {

        void handle(EventMessage<?> event) throws Exception {
            interceptors.handle(event, projection, member);
        }
    }

    /** One projection with its inspected handlers. */
    private record Inspected(Object projection, AnnotatedHandlerInspector<Object> inspector) {

        @SuppressWarnings("unchecked")
        static Inspected of(Object projection) {
            Class<Object> type = (Class<Object>) projection.getClass();
            return new Inspected(projection, AnnotatedHandlerInspector.inspectType(type,
                    ClasspathParameterResolverFactory.forClass(type), ClasspathHandlerDefinition.forClass(type)));
        }

        Bound handlerOf(EventMessage<?> event) {
            Class<?> type = projection.getClass();
            return inspector.getHandlers(type).filter(member -> member.canHandle(event)).findFirst()
                    .map(member -> new Bound(projection, member, inspector.chainedInterceptor(type)))
                    .orElse(null);
        }
    }

    private final List<Inspected> projections;
    private final Map<Class<?>, Bound[]> byPayloadType = new HashMap<>();

    ReplayHandlers(List<?> projections) {
        this.projections = projections.stream().map(Inspected::of).toList();
    }

    /** Runs the event through every projection that handles its payload type, in the projections' order. */
    void handle(EventMessage<?> event) throws Exception {
        Bound[] handlers = byPayloadType.get(event.getPayloadType());
        if (handlers == null) {
            handlers = bind(event);
            byPayloadType.put(event.getPayloadType(), handlers);
        }
        for (Bound handler : handlers) {
            handler.handle(event);
        }
    }

    private Bound[] bind(EventMessage<?> event) {
        List<Bound> bound = new ArrayList<>();
        for (Inspected projection : projections) {
            Bound handler = projection.handlerOf(event);
            if (handler != null) {
                bound.add(handler);
            }
        }
        return bound.toArray(Bound[]::new);
    }
}
