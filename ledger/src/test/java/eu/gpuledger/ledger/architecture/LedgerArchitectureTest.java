package eu.gpuledger.ledger.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.stereotype.Component;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are stored by class name and read back for years (STACK.md trap 8): they are records, carry a revision
 * for upcasters, and live in the ledger's feature packages. Aggregates reach no table and their event-sourcing
 * handlers only assign state; {@code LedgerArchitectureRulesFailTest} shows each of these rules failing.
 */
@AnalyzeClasses(packages = "eu.gpuledger.ledger", importOptions = ImportOption.DoNotIncludeTests.class)
class LedgerArchitectureTest {

    private static final String[] FEATURE_PACKAGES = {"eu.gpuledger.ledger.allocation", "eu.gpuledger.ledger.catalogue",
            "eu.gpuledger.ledger.project", "eu.gpuledger.ledger.rate", "eu.gpuledger.ledger.statement", "eu.gpuledger.ledger.transfer",
            "eu.gpuledger.ledger.webhook"};

    /**
     * An event: what an event-sourcing, saga or event handler takes, or what declares a revision (but an aggregate's
     * revision is that of its snapshots). A handler may take an interface the events implement (the allocation's
     * movements): the events are then the classes, not it.
     */
    private static final DescribedPredicate<JavaClass> EVENTS = new DescribedPredicate<>("are events") {
        @Override
        public boolean test(JavaClass javaClass) {
            return (javaClass.isAnnotatedWith(Revision.class) && !javaClass.isAnnotatedWith(Aggregate.class))
                    || (!javaClass.isInterface() && isHandledAsEvent(javaClass));
        }
    };

    /** Taken by a handler, itself or as an interface it implements. */
    private static boolean isHandledAsEvent(JavaClass candidate) {
        return isHandledAsItself(candidate)
                || candidate.getRawInterfaces().stream().anyMatch(LedgerArchitectureTest::isHandledAsItself);
    }

    private static boolean isHandledAsItself(JavaClass candidate) {
        return candidate.getDirectDependenciesToSelf().stream()
                .map(dependency -> dependency.getOriginClass())
                .distinct()
                .flatMap(origin -> origin.getMethods().stream())
                .filter(LedgerArchitectureTest::isEventHandler)
                .anyMatch(method -> firstParameterIs(method, candidate));
    }

    private static boolean isEventHandler(JavaMethod method) {
        return method.isAnnotatedWith(EventSourcingHandler.class) || method.isAnnotatedWith(SagaEventHandler.class)
                || method.isAnnotatedWith(EventHandler.class);
    }

    private static boolean firstParameterIs(JavaMethod method, JavaClass candidate) {
        List<JavaClass> parameters = method.getRawParameterTypes();
        return !parameters.isEmpty() && parameters.get(0).equals(candidate);
    }

    private static final ArchCondition<JavaClass> BE_RECORDS = new ArchCondition<>("be records") {
        @Override
        public void check(JavaClass javaClass, ConditionEvents events) {
            boolean isRecord = javaClass.getRawSuperclass().map(s -> s.isEquivalentTo(Record.class)).orElse(false);
            events.add(new SimpleConditionEvent(javaClass, isRecord, javaClass.getName() + " is "
                    + (isRecord ? "" : "not ") + "a record"));
        }
    };

    @ArchTest
    static final ArchRule events_are_records = classes().that(EVENTS).should(BE_RECORDS);

    @ArchTest
    static final ArchRule events_carry_a_revision = classes().that(EVENTS).should().beAnnotatedWith(Revision.class);

    @ArchTest
    static final ArchRule events_live_in_the_ledger_s_feature_packages =
            classes().that(EVENTS).should().resideInAnyPackage(FEATURE_PACKAGES);

    /**
     * Aggregates guard, then apply; their event-sourcing handlers only assign state (STYLE.md's giftcard shape): a
     * handler that applied an event, asked a directory or a store, or refused (made an exception) would do it again
     * on every load, and a rule it checked could make stored events unreadable.
     */
    static final ArchCondition<JavaMethod> ONLY_ASSIGN_STATE = new ArchCondition<>("only assign state") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            for (JavaCall<?> call : method.getCallsFromSelf()) {
                JavaClass target = call.getTargetOwner();
                boolean appliesOrSends = target.getPackageName().startsWith("org.axonframework");
                boolean asksOutside = target.getPackageName().startsWith("eu.gpuledger.ledger.directory")
                        || target.isAnnotatedWith(Component.class) || target.isMetaAnnotatedWith(Component.class);
                boolean refuses = call instanceof JavaConstructorCall && target.isAssignableTo(Throwable.class)
                        && !target.isEquivalentTo(MatchException.class); // the compiler's, for exhaustive switches
                if (appliesOrSends || asksOutside || refuses) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " calls "
                            + call.getTarget().getFullName() + " in " + call.getSourceCodeLocation()));
                }
            }
        }
    };

    @ArchTest
    static final ArchRule event_sourcing_handlers_only_assign_state =
            methods().that().areAnnotatedWith(EventSourcingHandler.class).should(ONLY_ASSIGN_STATE);

    /** Aggregates ask the injected {@code Directory} what other records hold; they reach no table themselves. */
    @ArchTest
    static final ArchRule aggregates_reach_no_table = noClasses().that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..",
                    "org.springframework.jdbc..", "eu.gpuledger.ledger.schema..")
            .orShould().dependOnClassesThat().haveSimpleName("LedgerDirectory")
            .orShould().dependOnClassesThat().haveSimpleName("UsageStore");

    @ArchTest
    static void the_event_vocabulary_is_found(JavaClasses classes) {
        Set<String> expected = Set.of("AllocationGranted", "ConsumptionRecorded", "UsageThresholdCrossed",
                "TransferRequested", "NormalisationFactorAdded", "ProjectRegistered");
        long found = classes.stream().filter(EVENTS).map(JavaClass::getSimpleName).filter(expected::contains).count();
        assertThat(found).as("events the predicate recognises").isEqualTo(expected.size());
        assertThat(classes.stream().filter(LedgerArchitectureTest::isHandledAsEvent).map(JavaClass::getSimpleName))
                .as("events recognised by their handlers, whatever their annotations")
                .contains("AllocationGranted", "TransferDebited", "TransferCompleted", "PoolRegistered");
    }
}
