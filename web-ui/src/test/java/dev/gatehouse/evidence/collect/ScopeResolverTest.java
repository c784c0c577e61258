package dev.gatehouse.evidence.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.audit.ScratchStore;
import dev.gatehouse.evidence.PackScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScopeResolverTest {

    static ScratchStore store;

    @BeforeAll
    static void seed() throws Exception {
        store = ScratchStore.create("gh_evidence_scope");
        try (Connection c = store.owner()) {
            EvidenceFixture.seed(c);
            // A recording of a connection deleted since: "every connection" keeps its history.
            EvidenceFixture.session(c, EvidenceFixture.id(80), "alice", null, "human", "password", "legacy",
                    EvidenceFixture.at("03-03T00:00:00"), null);
            c.commit();
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void namesAndLabelsAddUp() throws SQLException {
        assertThat(resolve(List.of("pay"), List.of("tier=gold"))).containsExactly("crm", "pay");
        assertThat(resolve(List.of(), List.of("tier = silver"))).containsExactly("hr");
    }

    @Test
    void neitherMeansEveryCatalogConnectionAndEveryRecordedOneOfThePeriod() throws SQLException {
        assertThat(resolve(List.of(), List.of())).containsExactly("crm", "hr", "legacy", "pay");
    }

    @Test
    void unknownNamesAndLabelsAreRefusedByName() {
        assertThatThrownBy(() -> resolve(List.of("pay", "nope"), List.of("tier=platinum")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection 'nope'").hasMessageContaining("label 'tier=platinum'");
        assertThatThrownBy(() -> resolve(List.of(), List.of("gold"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key=value");
    }

    private static Set<String> resolve(List<String> names, List<String> labels) throws SQLException {
        try (Connection c = store.application()) {
            return ScopeResolver.resolve(new PackScope(EvidenceFixture.FROM, EvidenceFixture.TO, names, labels, Set.of()), c);
        }
    }
}
