package eu.gpuledger.server.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The body limits ({@link RequestBodyLimits}) and what Tomcat must do for them and for the requests it refuses. */
@Configuration(proxyBeanMethods = false)
public class RequestBodyLimitConfiguration {

    /** After Boot's own Tomcat customizer (order 0), whose {@code server.tomcat.max-http-form-post-size} it replaces. */
    private static final int AFTER_BOOTS_TOMCAT_CUSTOMIZER = 1;

    /**
     * The ledger reads no form; Tomcat parses one (for request parameters) only up to a JSON body's limit, the one
     * limit's one setting ({@code ledger.limits.json-body-bytes}) rather than a copy of it in application.yml.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> formsWithinTheJsonLimit(RequestBodyLimits limits) {
        return new FormLimit(limits);
    }

    private record FormLimit(RequestBodyLimits limits)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            int formBytesMax = Math.toIntExact(limits.jsonBodyBytes().toBytes());
            factory.addConnectorCustomizers(connector -> connector.setMaxPostSize(formBytesMax));
        }

        @Override
        public int getOrder() {
            return AFTER_BOOTS_TOMCAT_CUSTOMIZER;
        }
    }

    /** What Tomcat refuses before the application sees it is answered as a problem too ({@link ProblemErrorReportValve}). */
    @Bean
    TomcatContextCustomizer problemsForWhatTomcatRefuses() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    /**
     * A client that asks {@code Expect: 100-continue} (curl does for bodies over 1 MB) is told to send its body only
     * once the ledger reads it. By default Tomcat says "continue" at once: a body refused on its declared length was
     * then sent whole, and past Tomcat's swallow size the connection was cut before the client read the 413.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
