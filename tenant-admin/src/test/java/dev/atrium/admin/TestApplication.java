package dev.atrium.admin;

import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.util.List;
import java.util.Set;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionContributor;
import dev.atrium.admin.dns.TestDnsConfiguration;
import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.tenancy.SingleNodeStatements;
import dev.atrium.admin.time.MutableClock;

/**
 * The domain's services on a real (embedded) PostgreSQL and a real SMTP server (GreenMail), without the web app.
 * Scheduling (failed invitation e-mails are retried) is switched on by the library's auto-configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
// As @SpringBootApplication scans, but without the REST API's controllers: its auto-configuration registers them, in a
// web application only.
@ComponentScan(excludeFilters = { @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @Filter(type = FilterType.REGEX, pattern = "dev\\.atrium\\.admin\\.api\\..*") })
@Import(TestDnsConfiguration.class)
public class TestApplication {

    public static final String PUBLIC_URL = "https://atrium.test";

    /** Every statement the tests execute stays on one node of a Citus cluster (docs/scale-out.md). */
    @Bean
    ExecuteListenerProvider singleNodeStatements() {
        return new DefaultExecuteListenerProvider(new SingleNodeStatements());
    }

    @Bean(destroyMethod = "stop")
    GreenMail greenMail() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        return greenMail;
    }

    /** Tests take the mail server away by pointing this at a closed port, and bring it back. */
    @Bean
    JavaMailSenderImpl mailSender(GreenMail greenMail) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(greenMail.getSmtp().getPort());
        return sender;
    }

    /** Tests move time with it; every service reads the time from it. */
    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    PublicUrl publicUrl() {
        return path -> PUBLIC_URL + path;
    }

    public static final String HOST_PERMISSION = "reports.view";

    /** The host application's own permission, as a real host would register it. */
    @Bean
    PermissionContributor hostPermissions() {
        return () -> List.of(new Permission(HOST_PERMISSION, "reports",
                Set.of(BuiltInRoles.MEMBER)));
    }
}
