package eu.gpuledger.server.web.quota;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The quota hooks' endpoints, looked up before the ledger's others. Spring MVC finds an endpoint whose path has a
 * variable ({@code /quota/{schedulerAccount}}) by trying each of its 150 or so mappings in turn, each asking the
 * request for its method through every wrapper the security filters put around it: measured, that was a third of a
 * quota answer's CPU (docs/quota.md). This mapping knows only {@link QuotaController}'s two, and is asked first.
 * <p>
 * The main mapping keeps them too, so that what lists the API's endpoints (the OpenAPI document, the authorisation
 * matrix) still sees them, and a request this one does not take (a wrong method) is answered there as before.
 */
@Component
class QuotaHandlerMapping implements HandlerMapping, Ordered, ApplicationContextAware, InitializingBean {

    private final RequestMappingHandlerMapping quota = new RequestMappingHandlerMapping() {
        @Override
        protected boolean isHandler(Class<?> beanType) {
            return QuotaController.class.isAssignableFrom(beanType);
        }
    };

    @Override
    public void setApplicationContext(ApplicationContext context) {
        quota.setApplicationContext(context);
    }

    @Override
    public void afterPropertiesSet() {
        quota.afterPropertiesSet();
    }

    @Override
    public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
        try {
            return quota.getHandler(request);
        } catch (HttpRequestMethodNotSupportedException | HttpMediaTypeException
                 | UnsatisfiedServletRequestParameterException notHere) {
            return null; // the main mapping answers it, with the same problem as for any other endpoint
        }
    }

    @Override
    public boolean usesPathPatterns() {
        return quota.usesPathPatterns();
    }

    /** After the actuator's endpoints, before the main mapping (0). */
    @Override
    public int getOrder() {
        return -1;
    }
}
