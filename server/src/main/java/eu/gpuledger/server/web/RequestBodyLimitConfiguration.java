package eu.gpuledger.server.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The body limits ({@link RequestBodyLimits}) and what Tomcat must do for them and for the requests it refuses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestBodyLimits.class)
public class RequestBodyLimitConfiguration {

    /**
     * A client that asks {@code Expect: 100-continue} (curl does for bodies over 1 MB) is told to send its body only
     * once the ledger reads it. By default Tomcat says "continue" at once: a body refused on its declared length was
     * then sent whole, and past Tomcat's swallow size the connection was cut before the client read the 413.
     */
    /** What Tomcat refuses before the application sees it is answered as a problem too ({@link ProblemErrorReportValve}). */
    @Bean
    TomcatContextCustomizer problemsForWhatTomcatRefuses() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }

    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
