package dev.atrium.e2e.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The same mix of REST calls against Atrium and then against Keycloak's admin API: a fixed number of virtual users,
 * each repeating the mix as fast as answers come for a fixed time (a closed model, so the throughput is what the
 * server sustains). Each round picks a random workspace (organization): its first page of 50 members, the members
 * matching "smith", an invitation to a new address, and a member's role change. Request names carry the side, so one
 * report holds both. Configured by system properties (Gatling instantiates the class itself): {@value #FIXTURES},
 * {@value #USERS}, {@value #SECONDS}.
 */
public class ApiLoadSimulation extends Simulation {

    static final String FIXTURES = "bench.load.fixtures";
    static final String USERS = "bench.load.users";
    static final String SECONDS = "bench.load.seconds";
    static final List<String> OPERATIONS = List.of("members page", "members filter", "invite", "role change");

    private final LoadFixtures fixtures = LoadFixtures.read(Path.of(System.getProperty(FIXTURES)));
    private final int users = Integer.getInteger(USERS, 16);
    private final Duration duration = Duration.ofSeconds(Integer.getInteger(SECONDS, 30));

    {
        setUp(atrium().andThen(keycloak()));
    }

    private PopulationBuilder atrium() {
        HttpProtocolBuilder protocol = http.baseUrl(fixtures.atriumUrl()).acceptHeader("application/json").acceptLanguageHeader("en")
                .header("Authorization", "Bearer #{key}");
        ChainBuilder round = exec(session -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LoadFixtures.Workspace workspace = fixtures.workspaces().get(random.nextInt(fixtures.workspaces().size()));
            return session.set("key", workspace.key())
                    .set("memberRole", workspace.memberRole())
                    .set("newRole", random.nextBoolean() ? workspace.memberRole() : workspace.guestRole())
                    .set("member", workspace.members().get(random.nextInt(workspace.members().size())))
                    .set("email", "load-" + UUID.randomUUID() + "@example.test");
        })
                .exec(http("Atrium members page").get("/api/v1/members?limit=50").check(status().is(200)))
                .exec(http("Atrium members filter").get("/api/v1/members?q=smith&limit=50").check(status().is(200)))
                .exec(http("Atrium invite").post("/api/v1/invitations")
                        .body(StringBody("{\"emails\": [\"#{email}\"], \"roleId\": \"#{memberRole}\"}")).asJson().check(status().is(201)))
                .exec(http("Atrium role change").patch("/api/v1/members/#{member}")
                        .body(StringBody("{\"roleId\": \"#{newRole}\"}")).asJson().check(status().is(200)));
        return scenario("Atrium").during(duration).on(round).injectOpen(atOnceUsers(users)).protocols(protocol);
    }

    /**
     * Keycloak's organizations have no roles of their own: the role change is the closest thing, a realm role mapped
     * to the member (one of two, at random).
     */
    private PopulationBuilder keycloak() {
        HttpProtocolBuilder protocol = http.baseUrl(fixtures.keycloakUrl()).acceptHeader("application/json").acceptLanguageHeader("en")
                .header("Authorization", "Bearer " + fixtures.keycloakToken());
        String realm = "/admin/realms/" + fixtures.realm();
        ChainBuilder round = exec(session -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LoadFixtures.Organization organization = fixtures.organizations().get(random.nextInt(fixtures.organizations().size()));
            LoadFixtures.RealmRole role = fixtures.realmRoles().get(random.nextInt(fixtures.realmRoles().size()));
            return session.set("organization", organization.id())
                    .set("user", organization.members().get(random.nextInt(organization.members().size())))
                    .set("roleId", role.id())
                    .set("roleName", role.name())
                    .set("email", "load-" + UUID.randomUUID() + "@example.test");
        })
                .exec(http("Keycloak members page").get(realm + "/organizations/#{organization}/members?first=0&max=50").check(status().is(200)))
                .exec(http("Keycloak members filter").get(realm + "/organizations/#{organization}/members?search=smith&first=0&max=50")
                        .check(status().is(200)))
                .exec(http("Keycloak invite").post(realm + "/organizations/#{organization}/members/invite-user")
                        .formParam("email", "#{email}").formParam("firstName", "Invited").formParam("lastName", "Load").check(status().is(204)))
                .exec(http("Keycloak role change").post(realm + "/users/#{user}/role-mappings/realm")
                        .body(StringBody("[{\"id\": \"#{roleId}\", \"name\": \"#{roleName}\"}]")).asJson().check(status().is(204)));
        return scenario("Keycloak").during(duration).on(round).injectOpen(atOnceUsers(users)).protocols(protocol);
    }
}
