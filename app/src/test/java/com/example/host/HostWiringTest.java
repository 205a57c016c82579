package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.WebApplicationContext;

import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.security.LoginView;
import dev.atrium.admin.shell.AcceptInvitationView;
import dev.atrium.admin.shell.AuditLogView;
import dev.atrium.admin.shell.InvitationsView;
import dev.atrium.admin.shell.MembersView;
import dev.atrium.admin.shell.NotFoundView;
import dev.atrium.admin.shell.RolesView;
import dev.atrium.admin.shell.RootView;
import dev.atrium.admin.shell.WelcomeView;
import dev.atrium.admin.shell.WorkspaceHomeView;
import dev.atrium.admin.shell.WorkspaceSettingsView;
import dev.atrium.app.projects.ui.ProjectsView;

/**
 * A host in another package gets all of Atrium by adding the dependency: its pages as routes, its sign-in rules, and
 * its scheduled jobs running (no {@code scanBasePackages}, no {@code @EnableScheduling}).
 */
@SpringBootTest(classes = MinimalHost.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "atrium.embedded-postgres.data-directory=", "atrium.keys.directory=",
                "atrium.tenants.host-changelog=", "vaadin.productionMode=true" })
class HostWiringTest {

    @Autowired
    WebApplicationContext context;

    @Test
    void atriumsPagesAreRoutesOfTheHost() {
        ApplicationRouteRegistry registry = ApplicationRouteRegistry.getInstance(
                new VaadinServletContext(context.getServletContext()));
        Set<Class<?>> routes = registry.getRegisteredRoutes().stream().map(RouteData::getNavigationTarget)
                .collect(Collectors.toSet());

        assertThat(routes).contains(RootView.class, WelcomeView.class, WorkspaceHomeView.class, MembersView.class,
                InvitationsView.class, RolesView.class, AuditLogView.class, WorkspaceSettingsView.class,
                AcceptInvitationView.class, LoginView.class);
        assertThat(routes).as("the sample app's page, in a package this host does not scan").doesNotContain(ProjectsView.class);
        assertThat(registry.getErrorNavigationTarget(new NotFoundException()))
                .hasValueSatisfying(target -> assertThat(target.getNavigationTarget()).isEqualTo(NotFoundView.class));
    }

    @Test
    void atriumsJobsAreScheduledAndItsSecurityApplies() {
        Set<String> jobs = context.getBean(ScheduledTaskHolder.class).getScheduledTasks().stream()
                .map(task -> task.getTask().getRunnable().toString()).collect(Collectors.toSet());
        assertThat(jobs).anyMatch(job -> job.endsWith("RateLimiter.removeFullBuckets"));
        ClusterJobs clusterJobs = context.getBean(ClusterJobs.class);
        assertThat(clusterJobs.isRunning()).isTrue();
        assertThat(clusterJobs.names()).contains("audit-purge", "invitation-mail-retry");
        // The browser's chain, and ahead of it the REST API's and its reference's stateless chains and the metrics' chain.
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("securityFilterChain", "apiSecurityFilterChain",
                "apiDocsSecurityFilterChain", "metricsSecurityFilterChain");
    }
}
