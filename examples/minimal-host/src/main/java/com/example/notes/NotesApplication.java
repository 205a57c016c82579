package com.example.notes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/** A SaaS with notes per workspace. Atrium configures itself: no scanBasePackages, no @EnableScheduling. */
@SpringBootApplication
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/atrium.css")
public class NotesApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }
}
