package dev.atrium.app.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atrium.admin.access.Permission;

/** A host's permissions carry keys only: their names, descriptions and area live in the host's bundle. */
class ProjectPermissionTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "_de"})
    void everyProjectPermissionHasItsNameDescriptionAndAreaInTheHostsBundle(String language) throws IOException {
        Properties bundle = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("messages" + language + ".properties")) {
            assertThat(in).isNotNull();
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (Permission permission : new ProjectPermissions().permissions()) {
            assertThat(bundle.stringPropertyNames()).as("texts of %s", permission.key()).containsAll(permission.textKeys());
        }
    }
}
