package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Anyone may ask whether Atrium is up, and learns nothing else (the root also names the health groups, which are
 * configuration, not state); components, their details, the workspaces group and the refused workspaces are for
 * operators (atrium.operators, or a group claim of the identity provider) only.
 */
@AtriumAppTest
class OperatorHealthTest {

    private static final String STATUS_ONLY = "{\"status\":\"UP\"}";
    private static final String STATUS_AND_GROUP_NAMES = "{\"groups\":[\"liveness\",\"readiness\",\"workspaces\"],\"status\":\"UP\"}";

    @LocalServerPort
    int port;

    @Test
    void anAnonymousCallerGetsTheStatusAndNothingElse() throws Exception {
        HttpSession anonymous = new HttpSession(port);

        assertThat(anonymous.get("/actuator/health").body()).isEqualTo(STATUS_AND_GROUP_NAMES);
        assertThat(anonymous.get("/actuator/health/liveness").body()).isEqualTo(STATUS_ONLY);
        assertThat(anonymous.get("/actuator/health/workspaces").statusCode()).isNotEqualTo(200);
        assertThat(anonymous.get("/actuator/health/db").statusCode()).isNotEqualTo(200);
    }

    @Test
    void aSignedInPersonWhoIsNoOperatorGetsNoDetailsEither() throws Exception {
        HttpSession member = new HttpSession(port).signIn("mia.member@example.test");

        assertThat(member.get("/actuator/health").body()).isEqualTo(STATUS_AND_GROUP_NAMES);
        assertThat(member.get("/actuator/health/workspaces").statusCode()).isEqualTo(403);
    }

    @Test
    void someoneInTheOperatorGroupOfTheIdentityProviderGetsTheDetails() throws Exception {
        HttpSession operator = new HttpSession(port).signIn("gus.groups@example.test",
                "{\"groups\": [\"staff\", \"" + AtriumAppTest.OPERATOR_GROUP + "\"]}");

        assertThat(operator.get("/actuator/health/workspaces").body())
                .contains("\"tenants\":{\"details\":{\"refusedWorkspaces\":[]},\"status\":\"UP\"}");
    }

    @Test
    void anOperatorGetsEveryComponentWithItsDetailsAndTheRefusedWorkspaces() throws Exception {
        HttpSession operator = new HttpSession(port).signIn(AtriumAppTest.OPERATOR.toUpperCase());

        assertThat(operator.get("/actuator/health").body()).contains("\"components\"")
                .contains("\"db\":{\"details\":{\"database\":\"PostgreSQL\"")
                .contains("\"tenants\":{\"details\":{\"refusedWorkspaces\":[]},\"status\":\"UP\"}");
        assertThat(operator.get("/actuator/health/workspaces").body())
                .contains("\"tenants\":{\"details\":{\"refusedWorkspaces\":[]},\"status\":\"UP\"}");
    }
}
