package dev.gatehouse.agents;

/** The result of registering or rotating: the only moment the client secret is shown. */
public record RegisteredAgent(Agent agent, String clientSecret) {

    @Override
    public String toString() {
        return "RegisteredAgent[" + agent.clientId() + ", secret=***]";
    }
}
