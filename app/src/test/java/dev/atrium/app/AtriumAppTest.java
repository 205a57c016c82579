package dev.atrium.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application on a random port with a throw-away database, the local OIDC provider and SMTP sink, behind
 * a (local, hence trusted) proxy. Test classes carrying exactly this share one started application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AtriumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "atrium.embedded-postgres.data-directory=", "atrium.operators=" + AtriumAppTest.OPERATOR,
                "atrium.operator-claim=groups", "atrium.operator-claim-value=" + AtriumAppTest.OPERATOR_GROUP,
                "server.forward-headers-strategy=native",
                // The production bundle's token is only in the packaged jar; these tests load no Vaadin page.
                "vaadin.productionMode=true" })
public @interface AtriumAppTest {

    String OPERATOR = "olga.operator@example.test";
    /** The ID token's "groups" claim holding this makes its bearer an operator. */
    String OPERATOR_GROUP = "atrium-operators";
}
