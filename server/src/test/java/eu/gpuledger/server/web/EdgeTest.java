package eu.gpuledger.server.web;

import eu.gpuledger.server.support.LedgerIntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application as the HTTP edge's tests see it: one context for all of them, with the endpoints that fail
 * on purpose ({@link FailingOnPurpose}) and an import limit small enough to cross in a test (1 MiB instead of
 * 512 MiB); the JSON body limit keeps its default (64 KiB).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LedgerIntegrationTest
@Import(FailingOnPurpose.class)
@TestPropertySource(properties = {"ledger.test.database=edge", "ledger.limits.import-body-bytes=1MB"})
@interface EdgeTest {
}
