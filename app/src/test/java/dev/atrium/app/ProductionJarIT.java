package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * The packaged production jar carries no development stand-ins: neither the local OpenID Connect provider nor the
 * SMTP sink (nor the module that starts them). Runs after {@code package} (failsafe), on the real jar.
 */
class ProductionJarIT {

    private static final List<String> DEVELOPMENT_ONLY = List.of("atrium-dev-services-", "mock-oauth2-server-",
            "greenmail-");

    @Test
    void theExecJarHoldsTheAppButNoLocalOidcProviderOrSmtpSink() throws IOException {
        List<String> libraries;
        try (JarFile jar = new JarFile(Path.of(System.getProperty("atrium.exec-jar")).toFile())) {
            libraries = jar.stream().map(ZipEntry::getName).filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .map(name -> name.substring("BOOT-INF/lib/".length())).toList();
        }
        assertThat(libraries).anyMatch(name -> name.startsWith("atrium-tenant-admin-"));
        assertThat(libraries).noneMatch(name -> DEVELOPMENT_ONLY.stream().anyMatch(name::startsWith));
    }
}
