package dev.atrium.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

@SpringBootApplication(scanBasePackages = "dev.atrium")
@EnableScheduling
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/atrium.css")
public class AtriumApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(AtriumApplication.class, args);
    }
}
