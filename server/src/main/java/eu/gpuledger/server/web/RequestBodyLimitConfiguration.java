package eu.gpuledger.server.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The body limits ({@link RequestBodyLimits}) and what Tomcat must do for them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestBodyLimits.class)
public class RequestBodyLimitConfiguration {

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
