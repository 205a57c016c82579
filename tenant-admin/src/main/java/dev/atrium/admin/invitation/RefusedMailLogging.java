package dev.atrium.admin.invitation;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * A refused invitation e-mail is an expected outcome, already logged by the outbox with its reason; its exception
 * only tells Spring Modulith to keep the publication for a retry, so it is not logged again as an error. Other
 * failures of asynchronous methods are logged as Spring does by default.
 */
@Configuration(proxyBeanMethods = false)
class RefusedMailLogging implements AsyncConfigurer {

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        AsyncUncaughtExceptionHandler others = new SimpleAsyncUncaughtExceptionHandler();
        return (error, method, params) -> {
            if (!(error instanceof InvitationMailOutbox.MailNotDeliveredException)) {
                others.handleUncaughtException(error, method, params);
            }
        };
    }
}
