package dev.atrium.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atrium.admin.i18n.AtriumTranslations;

/** The catalog carries keys only, so every one of Atrium's permissions needs its texts in Atrium's bundle. */
class PermissionTextsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "_de"})
    void everyOfAtriumsPermissionsHasItsNameDescriptionAndAreaInEachLanguage(String language) throws IOException {
        Properties bundle = bundle(AtriumTranslations.ATRIUM_BASENAME + language + ".properties");
        for (Permission permission : new AtriumPermissions().permissions()) {
            assertThat(bundle.stringPropertyNames()).as("texts of %s", permission.key()).containsAll(permission.textKeys());
        }
    }

    @Test
    void thePermissionsTextsAreNamedAfterItsKeyAndArea() {
        Permission permission = new Permission("reports.view", "reports", Set.of());
        assertThat(permission.textKeys())
                .containsExactly("permission.reports.view.name", "permission.reports.view.description", "permission.area.reports");
    }

    private static Properties bundle(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PermissionTextsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
