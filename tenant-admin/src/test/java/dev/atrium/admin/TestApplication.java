package dev.atrium.admin;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The domain's services on a real (embedded) PostgreSQL, without the web application. */
@SpringBootApplication
public class TestApplication {
}
