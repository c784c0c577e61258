package dev.gatehouse.workflow.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApprovalChainTest {

    private static final String TWO_STEPS = """
            {"expiresAfter": "PT24H",
             "steps": [
               {"name": "Team lead", "candidateGroups": ["leads"],
                "escalation": {"after": "PT1H", "action": "remind"}},
               {"name": "DBA", "candidateGroups": ["dba", "dba-emea"], "quorum": 2,
                "escalation": {"after": "PT2H", "action": "REASSIGN", "to": "dba-oncall"}}]}
            """;

    @Test
    void parsesStepsInOrderWithTheirQuorumsAndEscalations() {
        ApprovalChain chain = ApprovalChain.parse(TWO_STEPS);

        assertThat(chain.expiresAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(chain.steps()).extracting(ApprovalStep::name).containsExactly("Team lead", "DBA");
        assertThat(chain.step(0).quorum()).isEqualTo(1);
        assertThat(chain.step(0).escalation()).contains(new Escalation(Duration.ofHours(1), EscalationAction.REMIND, null));
        assertThat(chain.step(1).candidateGroups()).containsExactly("dba", "dba-emea");
        assertThat(chain.step(1).quorum()).isEqualTo(2);
        assertThat(chain.step(1).escalation()).contains(new Escalation(Duration.ofHours(2), EscalationAction.REASSIGN, "dba-oncall"));
    }

    @Test
    void survivesTheRoundTripThroughItsStoredForm() {
        ApprovalChain chain = ApprovalChain.parse(TWO_STEPS);

        assertThat(ApprovalChain.parse(chain.toJson())).isEqualTo(chain);
    }

    @Test
    void namesAnUnnamedStepByItsPosition() {
        ApprovalChain chain = ApprovalChain.parse("{\"expiresAfter\": \"PT1H\", \"steps\": [{\"candidateGroups\": [\"leads\"]}]}");

        assertThat(chain.step(0).name()).isEqualTo("Step 1");
        assertThat(chain.step(0).escalation()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | steps:                                                                                    | not a JSON object
            no steps            | {"expiresAfter": "PT1H", "steps": []}                                                     | at least one step
            no expiry           | {"steps": [{"candidateGroups": ["a"]}]}                                                   | expiresAfter must be a string
            negative expiry     | {"expiresAfter": "-PT1H", "steps": [{"candidateGroups": ["a"]}]}                          | expiresAfter must be a positive duration
            bad duration        | {"expiresAfter": "2 hours", "steps": [{"candidateGroups": ["a"]}]}                        | not an ISO-8601 duration
            no groups           | {"expiresAfter": "PT1H", "steps": [{"name": "Lead", "candidateGroups": []}]}              | step 'Lead': candidateGroups is empty
            quorum zero         | {"expiresAfter": "PT1H", "steps": [{"candidateGroups": ["a"], "quorum": 0}]}              | quorum must be at least 1
            fractional quorum   | {"expiresAfter": "PT1H", "steps": [{"candidateGroups": ["a"], "quorum": 1.5}]}            | quorum must be a whole number
            unknown action      | {"expiresAfter": "PT1H", "steps": [{"candidateGroups": ["a"], "escalation": {"after": "PT1M", "action": "page"}}]} | unknown escalation action 'page'
            negative escalation | {"expiresAfter": "PT1H", "steps": [{"candidateGroups": ["a"], "escalation": {"after": "-PT1M", "action": "remind"}}]} | escalation after must be a positive duration
            reassign nowhere    | {"expiresAfter": "PT1H", "steps": [{"candidateGroups": ["a"], "escalation": {"after": "PT1M", "action": "reassign"}}]} | 'to' names the group for reassign
            """)
    void refusesAMalformedChainWithAMessageNamingTheProblem(String caseName, String json, String message) {
        assertThatThrownBy(() -> ApprovalChain.parse(json)).isInstanceOf(MalformedChainException.class).hasMessageContaining(message);
    }

    @Test
    void refusesAChainBuiltInCodeWithAnImpossibleQuorum() {
        ApprovalStep nobody = new ApprovalStep("Lead", List.of("leads"), -1, Optional.empty());

        assertThatThrownBy(() -> new ApprovalChain(Duration.ofHours(1), List.of(nobody)))
                .isInstanceOf(MalformedChainException.class).hasMessageContaining("quorum must be at least 1, was -1");
    }
}
