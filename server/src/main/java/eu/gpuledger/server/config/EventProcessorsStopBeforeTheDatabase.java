package eu.gpuledger.server.config;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * On stop, every event processor has stopped before the data source closes and the embedded PostgreSQL stops. Axon
 * stops its processors in Spring's lifecycle phase, but gives each phase five seconds and then moves on, so a
 * processor in the middle of a large batch could still run when Spring destroys the data source. Spring destroys a
 * bean before the beans it was made with: this one is made with the data source, and waits for the processors.
 */
@Component
public class EventProcessorsStopBeforeTheDatabase implements DisposableBean {

    /** A processor finishes (or rolls back) its batch of at most ledger.processing.batch-size events. */
    static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(EventProcessorsStopBeforeTheDatabase.class);

    private final EventProcessingConfiguration processing;

    public EventProcessorsStopBeforeTheDatabase(EventProcessingConfiguration processing, DataSource database) {
        this.processing = processing;
    }

    @Override
    public void destroy() {
        Map<String, EventProcessor> processors = processing.eventProcessors();
        CompletableFuture<?>[] stops = processors.values().stream()
                .map(EventProcessor::shutdownAsync)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stops).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            log.warn("event processors still running after {}: {}", STOP_WAIT, running(processors));
            return;
        } catch (ExecutionException failed) {
            log.warn("an event processor failed to stop: {}", failed.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log.info("event processors stopped before the database closes: {}", processors.keySet().stream().sorted().toList());
    }

    private static List<String> running(Map<String, EventProcessor> processors) {
        return processors.values().stream().filter(EventProcessor::isRunning).map(EventProcessor::getName).sorted().toList();
    }
}
