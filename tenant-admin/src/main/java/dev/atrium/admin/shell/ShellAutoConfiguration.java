package dev.atrium.admin.shell;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import com.vaadin.flow.spring.annotation.UIScope;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.config.AtriumAutoConfiguration;
import dev.atrium.admin.security.LoginView;

/**
 * Atrium's pages for any host, whatever its own package: Vaadin looks for routes (and error views) in the
 * auto-configuration packages, to which this adds the shell's and the sign-in page's. (A host that names its own
 * packages instead, with {@code @EnableVaadin} or {@code vaadin.allowed-packages}, must add {@code dev.atrium.admin}.)
 */
@AutoConfiguration(after = AtriumAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@AutoConfigurationPackage(basePackageClasses = { ShellAutoConfiguration.class, LoginView.class })
class ShellAutoConfiguration {

    @Bean
    @UIScope
    CurrentWorkspace currentWorkspace(AccessControl access) {
        return new CurrentWorkspace(access);
    }
}
