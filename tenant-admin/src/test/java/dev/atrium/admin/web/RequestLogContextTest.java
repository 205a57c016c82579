package dev.atrium.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.LogContext;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Every log line of a request carries its request id and, once a workspace is bound, the workspace's id (the keys
 * structured JSON logs write out); a job run likewise; and nothing stays behind on the thread afterwards.
 */
@SpringBootTest
class RequestLogContextTest {

    private static final Logger log = (Logger) LoggerFactory.getLogger(RequestLogContextTest.class);

    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
    }

    @Test
    void aLineLoggedWhileARequestHasBoundAWorkspaceCarriesTheRequestIdAndTheWorkspaceId() throws Exception {
        TenantScope owner = teams.newWorkspace("Mara");
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/w/" + owner.slug());
        request.addHeader("X-Request-Id", "lb-7f3a.42");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestIdFilter().doFilter(request, response, (req, res) -> {
            log.info("before binding");
            binder.bind(owner.accountId(), owner.slug());
            log.info("while bound");
        });
        log.info("after the request");

        assertThat(response.getHeader("X-Request-Id")).isEqualTo("lb-7f3a.42");
        assertThat(mdcOf("before binding")).containsEntry("requestId", "lb-7f3a.42").doesNotContainKey("workspaceId");
        assertThat(mdcOf("while bound")).containsEntry("requestId", "lb-7f3a.42").containsEntry("workspaceId", owner.workspaceId().toString());
        assertThat(mdcOf("after the request")).doesNotContainKeys("requestId", "workspaceId");
    }

    @Test
    void anInsaneRequestIdIsReplacedByAGeneratedOneWhichIsEchoed() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader("X-Request-Id", "no spaces\nor new lines");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestIdFilter().doFilter(request, response, (req, res) -> log.info("generated"));

        assertThat(response.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(mdcOf("generated")).containsEntry("requestId", response.getHeader("X-Request-Id"));
    }

    @Test
    void aJobRunNamesItsWorkspaceWhileWorkOutsideAnyRequestOrJobCarriesNone() {
        TenantScope owner = teams.newWorkspace("Jobs");

        binder.bindSystem(owner.workspaceId());
        log.info("no unit of work");
        try (LogContext.Opened job = LogContext.open(LogContext.JOB, "webhook-delivery")) {
            binder.bindSystem(owner.workspaceId());
            log.info("in the job");
        }

        assertThat(mdcOf("no unit of work")).doesNotContainKey("workspaceId");
        assertThat(mdcOf("in the job")).containsEntry("job", "webhook-delivery").containsEntry("workspaceId", owner.workspaceId().toString());
        assertThat(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap()).doesNotContainKeys("job", "workspaceId");
    }

    private Map<String, String> mdcOf(String message) {
        List<ILoggingEvent> found = lines.list.stream().filter(line -> line.getFormattedMessage().equals(message)).toList();
        assertThat(found).hasSize(1);
        return found.getFirst().getMDCPropertyMap();
    }
}
