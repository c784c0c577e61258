package dev.gatehouse.rest;

import dev.gatehouse.proxy.policy.GuardrailRule;
import dev.gatehouse.proxy.policy.RuleMatch;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule pack: what applying it copies into a scope. */
@Schema(name = "GuardrailPack", description = "A named set of rules an admin applies with one call; applying copies the rules,"
        + " which can then be edited like any other")
public record GuardrailPackView(String name, String description, List<PackRuleView> rules) {

    @Schema(name = "GuardrailPackRule")
    public record PackRuleView(String name, String action, List<String> statements, boolean exceptStatements, List<String> tables,
            boolean unboundedWritesOnly, List<String> functions, boolean serverSideCopy, String message) {

        static PackRuleView of(GuardrailRule rule) {
            RuleMatch m = rule.match();
            return new PackRuleView(rule.name(), rule.action().name(), m.statements().stream().map(String::valueOf).sorted().toList(),
                    m.exceptStatements(), m.tables().stream().map(String::valueOf).toList(), m.unboundedWritesOnly(),
                    m.functions().stream().sorted().toList(), m.serverSideCopy(), rule.message());
        }
    }
}
