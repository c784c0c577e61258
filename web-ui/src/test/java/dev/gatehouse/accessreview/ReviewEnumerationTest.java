package dev.gatehouse.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.accessreview.ReviewEnumeration.ConnectionAccess;
import dev.gatehouse.accessreview.ReviewEnumeration.HeldGrant;
import dev.gatehouse.accessreview.ReviewEnumeration.ItemDraft;
import dev.gatehouse.identity.InventoryIdentity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which items a campaign lists: the allow list's admitted identities by role or client, and the grants held. */
class ReviewEnumerationTest {

    private final InventoryIdentity eve = new InventoryIdentity("eve", "human", Set.of("gatehouse-user", "offline_access"), true);
    private final InventoryIdentity bob = new InventoryIdentity("bob", "human", Set.of("gatehouse-approver"), true);
    private final InventoryIdentity dora = new InventoryIdentity("dora", "human", Set.of("gatehouse-auditor"), true);
    private final InventoryIdentity ciAgent = new InventoryIdentity("ci-agent", "agent", Set.of("gatehouse-user"), true);
    private final List<InventoryIdentity> everyone = List.of(eve, bob, dora, ciAgent);

    @Test
    void listsEveryIdentityEachAllowListEntryAdmitsOncePerEntry() {
        List<ItemDraft> items = ReviewEnumeration.items(List.of(new ConnectionAccess("payments", Set.of("gatehouse-user",
                "role:gatehouse-approver", "client:ci-agent"))), everyone, List.of());

        assertThat(items).extracting(i -> i.identity() + " " + i.identityKind() + " " + i.via()).containsExactly(
                "ci-agent agent client:ci-agent",
                "ci-agent agent role:gatehouse-user",
                "eve human role:gatehouse-user",
                "bob human role:gatehouse-approver");
        assertThat(items).allMatch(i -> i.connection().equals("payments"));
    }

    @Test
    void aClientEntryAdmitsOnlyTheAgentOfThatNameAndGroupEntriesAreNotEnumerated() {
        InventoryIdentity humanNamedLikeAgent = new InventoryIdentity("ci-agent", "human", Set.of(), true);
        List<ItemDraft> items = ReviewEnumeration.items(List.of(new ConnectionAccess("ledger", Set.of("client:ci-agent", "group:/platform"))),
                List.of(humanNamedLikeAgent, eve), List.of());

        assertThat(items).isEmpty();
    }

    @Test
    void grantsAreItemsOfTheirOwnEvenForIdentitiesTheInventoryDoesNotKnow() {
        List<HeldGrant> grants = List.of(
                new HeldGrant("eve", "payments", new AccessVia(AccessVia.Kind.JIT, "req-1")),
                new HeldGrant("mallory", "payments", new AccessVia(AccessVia.Kind.UNMASK, "6f1c0a52-0000-0000-0000-000000000001")),
                new HeldGrant("eve", "elsewhere", new AccessVia(AccessVia.Kind.JIT, "req-2")));

        List<ItemDraft> items = ReviewEnumeration.items(List.of(new ConnectionAccess("payments", Set.of("gatehouse-user"))), everyone, grants);

        assertThat(items).extracting(i -> i.identity() + " " + i.identityKind() + " " + i.via()).containsExactly(
                "ci-agent agent role:gatehouse-user",
                "eve human role:gatehouse-user",
                "eve human jit:req-1",
                "mallory unknown unmask:6f1c0a52-0000-0000-0000-000000000001");
    }

    @Test
    void everyConnectionInScopeIsListedSeparately() {
        List<ItemDraft> items = ReviewEnumeration.items(List.of(new ConnectionAccess("b", Set.of("gatehouse-auditor")),
                new ConnectionAccess("a", Set.of("gatehouse-auditor"))), everyone, List.of());

        assertThat(items).extracting(i -> i.identity() + "@" + i.connection()).containsExactly("dora@a", "dora@b");
    }

    @Test
    void accessViaReadsBackWhatItWrites() {
        assertThat(AccessVia.parse("role:gatehouse-user")).isEqualTo(new AccessVia(AccessVia.Kind.ROLE, "gatehouse-user"));
        assertThat(AccessVia.parse("jit:abc").toString()).isEqualTo("jit:abc");
        assertThat(AccessVia.parse("client:ci-agent").isStanding()).isTrue();
        assertThat(AccessVia.parse("unmask:x").isStanding()).isFalse();
    }
}
