package dev.gatehouse.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.it.ApiClient;
import dev.gatehouse.it.ApiClient.Reply;
import dev.gatehouse.it.GatehouseDeployment;
import dev.gatehouse.it.Keycloak;
import dev.gatehouse.it.TestDatabase;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;

/**
 * Issue 17, attacks 2, 3 and 5, as alice (admin) would try them through the API against the real
 * Keycloak: agents made approvers or auditors, an unmask exemption granted to herself, and requests
 * for years of access. Each is refused with a reason a person can act on, and recorded.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SplitPowersIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return GatehouseDeployment.builtWar();
    }

    @ArquillianResource
    URL base;

    private static int denied(String action, String reason) throws Exception {
        return Integer.parseInt(TestDatabase.singleValue("select count(*) from audit_event where action = '" + action
                + "' and outcome = 'denied' and details->>'reason' = '" + reason + "'"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void agentsCannotBeRegisteredWithAPersonsRole() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        for (String role : List.of("gatehouse-approver", "gatehouse-auditor", "gatehouse-admin")) {
            String name = "pw-agent-" + suffix();
            int before = denied("agent.refused", "person_role");
            Reply refused = alice.send("POST", "api/v1/agents", """
                    {"name":"%s","description":"would approve","roles":["gatehouse-user","%s"]}""".formatted(name, role));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"roles\"").contains("agents cannot hold " + role);
            try (var admin = Keycloak.masterAdmin()) {
                assertThat(Keycloak.gatehouseRealm(admin).clients().findByClientId(name)).as("nothing half-created").isEmpty();
            }
            assertThat(denied("agent.refused", "person_role")).isEqualTo(before + 1);
        }
    }

    @Test
    void anAgentGivenPersonRolesInKeycloakBehindGatehousesBackStillCannotDecideSignOffOrReleaseAHold() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String name = "pw-sneaky-" + suffix();
        Reply registered = alice.send("POST", "api/v1/agents", """
                {"name":"%s","description":"sneaky approver","roles":["gatehouse-user"]}""".formatted(name));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String secret = registered.json().getString("clientSecret");
        try (var admin = Keycloak.masterAdmin()) {
            RealmResource realm = Keycloak.gatehouseRealm(admin);
            String clientUuid = realm.clients().findByClientId(name).get(0).getId();
            String serviceAccount = realm.clients().get(clientUuid).getServiceAccountUser().getId();
            List<RoleRepresentation> personRoles = List.of("gatehouse-approver", "gatehouse-auditor", "gatehouse-admin").stream()
                    .map(r -> realm.roles().get(r).toRepresentation()).toList();
            realm.users().get(serviceAccount).roles().realmLevel().add(personRoles);
        }
        try {
            ApiClient agent = new ApiClient(base).as(Keycloak.clientToken(name, secret));
            ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
            Reply request = eve.send("POST", "api/v1/approvals", """
                    {"connection":"pw-conn-%s","reason":"month-end fix","duration":"PT1H"}""".formatted(suffix()));
            assertThat(request.status()).as(request.body()).isEqualTo(201);
            String requestId = request.json().getString("id");

            int decisionsBefore = denied("approval.refused", "SERVICE_ACCOUNT");
            Reply claim = agent.send("POST", "api/v1/approvals/" + requestId + "/claim", null);
            assertThat(claim.status()).as(claim.body()).isEqualTo(403);
            assertThat(claim.json().getString("code")).isEqualTo("service_account");
            Reply decide = agent.send("POST", "api/v1/approvals/" + requestId + "/decision", "{\"decision\":\"approve\"}");
            assertThat(decide.status()).as(decide.body()).isEqualTo(403);
            assertThat(decide.json().getString("message")).contains("a person");
            assertThat(denied("approval.refused", "SERVICE_ACCOUNT")).isEqualTo(decisionsBefore + 2);
            assertThat(eve.send("GET", "api/v1/approvals/" + requestId, null).body()).as("still open").doesNotContain("APPROVED");

            int callsBefore = denied("authorization.refused", "service_account");
            Reply signOff = agent.send("POST", "api/v1/access-reviews/" + UUID.randomUUID() + "/close", "{\"comment\":\"ok\"}");
            assertThat(signOff.status()).as(signOff.body()).isEqualTo(403);
            assertThat(signOff.json().getString("code")).isEqualTo("service_account");
            Reply release = agent.send("DELETE", "api/v1/retention/policies/some-connection/legal-hold", null);
            assertThat(release.status()).as(release.body()).isEqualTo(403);
            assertThat(release.json().getString("message")).contains("made by people");
            assertThat(denied("authorization.refused", "service_account")).isEqualTo(callsBefore + 2);
        } finally {
            alice.send("DELETE", "api/v1/agents/" + name, null);
        }
    }

    @Test
    void anAdminCannotGrantHerselfAnUnmaskExemption() throws Exception {
        ApiClient alice = new ApiClient(base).as(Keycloak.userToken("alice"));
        String grantsToAlice = "select count(*) from masking_exemption where username = 'alice'";
        String before = TestDatabase.singleValue(grantsToAlice);
        int refusalsBefore = denied("masking.exemption_refused", "self_grant");

        Reply self = alice.send("POST", "api/v1/masking-exemptions", """
                {"username":"alice","reason":"let me see the card numbers","durationMinutes":129600}""");
        assertThat(self.status()).as(self.body()).isEqualTo(403);
        assertThat(self.json().getString("code")).isEqualTo("self_grant");
        assertThat(self.json().getString("message")).contains("unmask request");
        assertThat(TestDatabase.singleValue(grantsToAlice)).as("nothing granted").isEqualTo(before);
        assertThat(denied("masking.exemption_refused", "self_grant")).isEqualTo(refusalsBefore + 1);

        Reply ninetyDays = alice.send("POST", "api/v1/masking-exemptions", """
                {"username":"eve","reason":"INC-17 review","durationMinutes":129600}""");
        assertThat(ninetyDays.status()).as(ninetyDays.body()).isEqualTo(400);
        assertThat(ninetyDays.body()).contains("\"durationMinutes\"").contains("at most 24 h");
    }

    @Test
    void accessAndUnmaskRequestsHaveACeiling() throws Exception {
        ApiClient eve = new ApiClient(base).as(Keycloak.userToken("eve"));
        String connection = "pw-ceiling-" + suffix();
        int before = denied("approval.refused", "DURATION_CEILING");

        Reply tenYears = eve.send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"forever","duration":"P3650D"}""".formatted(connection));
        assertThat(tenYears.status()).as(tenYears.body()).isEqualTo(400);
        assertThat(tenYears.body()).contains("\"duration\"").contains("at most 8 h");

        Reply twoDaysUnmasked = eve.send("POST", "api/v1/approvals", """
                {"kind":"unmask","connection":"%s","reason":"review","duration":"P2D"}""".formatted(connection));
        assertThat(twoDaysUnmasked.status()).as(twoDaysUnmasked.body()).isEqualTo(400);
        assertThat(twoDaysUnmasked.body()).contains("\"duration\"").contains("at most 24 h");
        assertThat(denied("approval.refused", "DURATION_CEILING")).isEqualTo(before + 2);

        Reply anHour = eve.send("POST", "api/v1/approvals", """
                {"connection":"%s","reason":"month-end fix","duration":"PT8H"}""".formatted(connection));
        assertThat(anHour.status()).as(anHour.body()).isEqualTo(201);
    }
}
