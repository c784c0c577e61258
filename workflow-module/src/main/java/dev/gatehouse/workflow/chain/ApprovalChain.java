package dev.gatehouse.workflow.chain;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An approval chain as configured for a connection or a guardrail rule: ordered steps and an
 * overall expiry. Chains are data, so one BPMN model runs every chain; this class is the only
 * way in, and it refuses anything the process could not run.
 *
 * <pre>{@code
 * {"expiresAfter": "PT24H",
 *  "steps": [
 *    {"name": "Team lead", "candidateGroups": ["leads"], "quorum": 1,
 *     "escalation": {"after": "PT1H", "action": "remind"}},
 *    {"name": "DBA", "candidateGroups": ["dba"], "quorum": 2,
 *     "escalation": {"after": "PT2H", "action": "reassign", "to": "dba-oncall"}}]}
 * }</pre>
 */
public record ApprovalChain(Duration expiresAfter, List<ApprovalStep> steps) {

    public ApprovalChain {
        steps = List.copyOf(steps);
        if (expiresAfter == null || expiresAfter.isZero() || expiresAfter.isNegative()) {
            throw new MalformedChainException("expiresAfter must be a positive duration, was " + expiresAfter);
        }
        if (steps.isEmpty()) {
            throw new MalformedChainException("a chain needs at least one step");
        }
        for (ApprovalStep step : steps) {
            validate(step);
        }
    }

    public static ApprovalChain parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedChainException("the chain definition is empty");
        }
        JsonObject root;
        try (var reader = Json.createReader(new StringReader(json))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedChainException("the chain definition is not a JSON object: " + e.getMessage(), e);
        }
        Duration expiresAfter = duration(root, "expiresAfter", "chain");
        JsonArray stepArray = array(root, "steps", "chain");
        List<ApprovalStep> steps = new ArrayList<>();
        for (int i = 0; i < stepArray.size(); i++) {
            String where = "step " + (i + 1);
            if (!(stepArray.get(i) instanceof JsonObject stepObject)) {
                throw new MalformedChainException(where + ": must be an object");
            }
            steps.add(parseStep(stepObject, i + 1));
        }
        return new ApprovalChain(expiresAfter, steps);
    }

    public ApprovalStep step(int index) {
        return steps.get(index);
    }

    public String toJson() {
        JsonArrayBuilder stepArray = Json.createArrayBuilder();
        for (ApprovalStep step : steps) {
            JsonObjectBuilder stepObject = Json.createObjectBuilder()
                    .add("name", step.name())
                    .add("candidateGroups", Json.createArrayBuilder(step.candidateGroups()))
                    .add("quorum", step.quorum());
            step.escalation().ifPresent(escalation -> {
                JsonObjectBuilder escalationObject = Json.createObjectBuilder()
                        .add("after", escalation.after().toString())
                        .add("action", escalation.action().jsonName());
                if (escalation.reassignTo() != null) {
                    escalationObject.add("to", escalation.reassignTo());
                }
                stepObject.add("escalation", escalationObject);
            });
            stepArray.add(stepObject);
        }
        return Json.createObjectBuilder()
                .add("expiresAfter", expiresAfter.toString())
                .add("steps", stepArray)
                .build()
                .toString();
    }

    private static ApprovalStep parseStep(JsonObject json, int number) {
        String where = "step " + number;
        String name = json.containsKey("name") ? string(json, "name", where) : "Step " + number;
        JsonArray groupArray = array(json, "candidateGroups", where);
        List<String> groups = new ArrayList<>();
        for (JsonValue value : groupArray) {
            if (!(value instanceof JsonString group)) {
                throw new MalformedChainException(where + ": candidateGroups must hold group names");
            }
            groups.add(group.getString());
        }
        int quorum = 1;
        if (json.containsKey("quorum")) {
            if (!(json.get("quorum") instanceof JsonNumber number1) || !number1.isIntegral()) {
                throw new MalformedChainException(where + ": quorum must be a whole number");
            }
            quorum = number1.intValue();
        }
        Optional<Escalation> escalation = Optional.empty();
        if (json.containsKey("escalation")) {
            if (!(json.get("escalation") instanceof JsonObject escalationObject)) {
                throw new MalformedChainException(where + ": escalation must be an object");
            }
            String escalationWhere = where + " escalation";
            Duration after = duration(escalationObject, "after", escalationWhere);
            EscalationAction action = EscalationAction.parse(string(escalationObject, "action", escalationWhere), escalationWhere);
            String to = escalationObject.containsKey("to") ? string(escalationObject, "to", escalationWhere) : null;
            escalation = Optional.of(new Escalation(after, action, to));
        }
        return new ApprovalStep(name, groups, quorum, escalation);
    }

    private static void validate(ApprovalStep step) {
        String where = "step '" + step.name() + "'";
        if (step.candidateGroups().isEmpty()) {
            throw new MalformedChainException(where + ": candidateGroups is empty, so nobody could decide");
        }
        if (step.candidateGroups().stream().anyMatch(group -> group == null || group.isBlank() || group.contains(","))) {
            throw new MalformedChainException(where + ": a candidate group name is blank or contains a comma");
        }
        if (step.quorum() < 1) {
            throw new MalformedChainException(where + ": quorum must be at least 1, was " + step.quorum());
        }
        step.escalation().ifPresent(escalation -> {
            if (escalation.after().isZero() || escalation.after().isNegative()) {
                throw new MalformedChainException(where + ": escalation after must be a positive duration, was " + escalation.after());
            }
            boolean reassigns = escalation.action() == EscalationAction.REASSIGN;
            boolean hasTarget = escalation.reassignTo() != null && !escalation.reassignTo().isBlank();
            if (reassigns != hasTarget) {
                throw new MalformedChainException(where + ": 'to' names the group for reassign, and only for reassign");
            }
        });
    }

    private static String string(JsonObject json, String field, String where) {
        if (!(json.get(field) instanceof JsonString value)) {
            throw new MalformedChainException(where + ": " + field + " must be a string");
        }
        return value.getString();
    }

    private static JsonArray array(JsonObject json, String field, String where) {
        if (!(json.get(field) instanceof JsonArray value)) {
            throw new MalformedChainException(where + ": " + field + " must be a list");
        }
        return value;
    }

    private static Duration duration(JsonObject json, String field, String where) {
        String text = string(json, field, where);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedChainException(where + ": " + field + " is not an ISO-8601 duration such as PT2H: '" + text + "'", e);
        }
    }
}
