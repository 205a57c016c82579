package com.example.notes;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The README's minimal host on a random port, started as written: its application.properties, its own classes, and
 * the development services (the embedded PostgreSQL, the local OIDC provider, the SMTP sink) that its optional
 * dependency puts on the test class path. Only where the run keeps its data differs: throw-away, instead of
 * ~/.notes and ~/.atrium. Test classes carrying this share one started application, and make people and
 * workspaces with {@link Workspaces}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = NotesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "atrium.embedded-postgres.data-directory=", "atrium.keys.directory=",
                "atrium.audit.checkpoints.directory=target/audit-checkpoints/${random.uuid}" })
@Import(Workspaces.class)
@interface NotesHostTest {
}
