package dev.gatehouse.agents;

/** No agent client with that id exists in the realm. */
public class AgentNotFoundException extends RuntimeException {

    public AgentNotFoundException(String clientId) {
        super("no agent named '" + clientId + "'");
    }
}
