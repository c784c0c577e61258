package dev.gatehouse.agents;

import java.util.List;

/** Registers and manages agents in the identity provider. Every change is audited; secrets never are. */
public interface AgentRegistry {

    RegisteredAgent register(AgentDraft draft);

    List<Agent> list();

    Agent get(String clientId);

    Agent setEnabled(String clientId, boolean enabled);

    RegisteredAgent rotateSecret(String clientId);

    void delete(String clientId);
}
