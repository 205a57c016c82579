package dev.atrium.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The sample host: a plain Spring Boot application in its own package. Atrium (tenant-admin) configures itself; the
 * host adds its own feature (projects), its texts, and the Vaadin app shell with its style sheets.
 */
@SpringBootApplication
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/atrium.css")
public class AtriumApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(AtriumApplication.class, args);
    }
}
