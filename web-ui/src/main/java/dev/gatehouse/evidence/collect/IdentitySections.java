package dev.gatehouse.evidence.collect;

import static dev.gatehouse.evidence.collect.EvidenceSql.STARTED_SESSIONS;

import dev.gatehouse.evidence.FfiecControl;
import dev.gatehouse.evidence.report.ControlSection;
import dev.gatehouse.identity.InventoryIdentity;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * C1 (least privilege) and C13 (identification and authentication).
 *
 * <table>
 * <caption>Figures</caption>
 * <tr><th>key</th><th>meaning</th><th>source</th></tr>
 * <tr><td>C1.connections_in_scope</td><td>connections the scope resolved to</td><td>ScopeResolver (connection, connection_label, data_session)</td></tr>
 * <tr><td>C1.connections_with_access_rules</td><td>of those, connections with at least one access rule</td><td>connection_allowed_role</td></tr>
 * <tr><td>C1.identities</td><td>identities the identity provider lists</td><td>IdentityInventory</td></tr>
 * <tr><td>C1.identity_access_pairs</td><td>enabled identity x connection pairs an access rule allows (role or client entries)</td><td>inventory roles x connection_allowed_role</td></tr>
 * <tr><td>C1.identities_with_access</td><td>enabled identities allowed on at least one connection in scope</td><td>same</td></tr>
 * <tr><td>C1.identities_used</td><td>of those, identities with a session started in the period</td><td>data_session</td></tr>
 * <tr><td>C1.identities_unused</td><td>identities with access and no session in the period</td><td>data_session</td></tr>
 * <tr><td>C1.jit_grants</td><td>just-in-time grants overlapping the period</td><td>access_grant (= appendix access-grants rows)</td></tr>
 * <tr><td>C13.identities, .humans, .agents, .disabled</td><td>the inventory by kind; disabled accounts</td><td>IdentityInventory</td></tr>
 * <tr><td>C13.unknown_identities</td><td>identities with sessions in the period that the provider does not list</td><td>data_session vs inventory</td></tr>
 * <tr><td>C13.sessions_humans, C13.sessions_agents</td><td>sessions started in the period by kind</td><td>data_session.identity_kind</td></tr>
 * <tr><td>C13.sessions_without_auth_method</td><td>sessions started in the period with no authentication method recorded</td><td>data_session.auth_method</td></tr>
 * <tr><td>C13.ui_logins</td><td>sign-ins to the web UI in the period</td><td>audit_event auth.login</td></tr>
 * </table>
 */
final class IdentitySections {

    private IdentitySections() {
    }

    static ControlSection c1(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C1).appendix("identities").appendix("access-grants");
        long connections = d.figure("connections_in_scope", "Connections in scope", context.connections().size());
        d.figure("connections_with_access_rules", "Connections with access rules", context.count(
                "select count(distinct c.name) from connection c join connection_allowed_role r on r.connection_id = c.id where c.name = any(:scope)"));
        d.figure("identities", "Identities known to the identity provider", context.inventory().size());
        List<AccessMap.Access> access = AccessMap.of(context);
        Set<String> withAccess = access.stream().map(AccessMap.Access::identity).collect(Collectors.toSet());
        Map<String, IdentityAppendix.Usage> usage = IdentityAppendix.usage(context.queries(), context.store());
        long used = withAccess.stream().filter(name -> usage.containsKey(name) && usage.get(name).sessions() > 0).count();
        d.figure("identity_access_pairs", "Identity-connection pairs allowed by access rules", access.size());
        d.figure("identities_with_access", "Identities allowed on a connection in scope", withAccess.size());
        d.figure("identities_used", "Identities with access that used it in the period", used);
        d.figure("identities_unused", "Identities with access and no session in the period", withAccess.size() - used);
        d.figure("jit_grants", "Just-in-time grants overlapping the period", context.rowsOf(ApprovalAppendices.accessGrants()));
        d.evidence("Access to each connection follows its access rules (roles, agent clients); appendix/identities.csv lists every"
                + " identity with its roles and last use, appendix/access-grants.csv every temporary grant.");
        d.evidence("Access through group entries is not expanded: the identity inventory carries no group membership.");
        if (connections == 0) {
            return d.noEvidence("no connection is in the pack's scope");
        }
        return d.build();
    }

    static ControlSection c13(EvidenceContext context) throws SQLException {
        SectionDraft d = new SectionDraft(FfiecControl.C13).appendix("identities").appendix("sessions");
        List<InventoryIdentity> inventory = context.inventory();
        d.figure("identities", "Identities known to the identity provider", inventory.size());
        d.figure("humans", "People", inventory.stream().filter(i -> !i.isAgent()).count());
        d.figure("agents", "Agents (service accounts)", inventory.stream().filter(InventoryIdentity::isAgent).count());
        d.figure("disabled", "Disabled accounts", inventory.stream().filter(i -> !i.enabled()).count());
        List<String> unknown = IdentityAppendix.unknown(inventory, IdentityAppendix.usage(context.queries(), context.store()));
        d.figure("unknown_identities", "Session identities unknown to the identity provider", unknown.size());
        long humans = d.figure("sessions_humans", "Sessions by people",
                context.count("select count(*) " + STARTED_SESSIONS + " and s.identity_kind <> 'agent'"));
        long agents = d.figure("sessions_agents", "Sessions by agents",
                context.count("select count(*) " + STARTED_SESSIONS + " and s.identity_kind = 'agent'"));
        long noMethod = d.figure("sessions_without_auth_method", "Sessions without a recorded authentication method",
                context.count("select count(*) " + STARTED_SESSIONS + " and s.auth_method is null"));
        d.figure("ui_logins", "Sign-ins to the web UI",
                context.count("select count(*) from audit_event e where e.action = 'auth.login' and e.occurred_at >= :from and e.occurred_at < :to"));
        d.evidence("Every session is bound to an identity from the identity provider, person or agent, and records how it"
                + " authenticated (appendix/sessions.csv, auth_method); appendix/identities.csv lists the inventory.");
        d.exceptions(unknown.stream().map(name -> "identity '" + name + "' ran sessions in the period but is not known to the identity provider")
                .toList(), "identities");
        if (noMethod > 0) {
            d.exception(noMethod + " sessions in the period have no recorded authentication method");
        }
        if (inventory.isEmpty() && humans + agents == 0) {
            return d.noEvidence("the identity provider listed no identity and no session was recorded in the period");
        }
        return d.build();
    }
}
