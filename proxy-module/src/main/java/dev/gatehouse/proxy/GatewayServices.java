package dev.gatehouse.proxy;

import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.ApprovalGate;
import dev.gatehouse.proxy.api.GuardrailRules;
import dev.gatehouse.proxy.api.ConnectionCatalog;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.api.IdentityResolver;
import dev.gatehouse.proxy.api.MaskingRules;
import dev.gatehouse.proxy.api.TargetCatalog;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import dev.gatehouse.proxy.sql.PostgresSqlAnalyzer;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every protocol engine needs from the application, in one value so engines share one
 * recording pipeline and one pool for blocking work.
 *
 * @param blockingWork runs calls that may block (the credential store's decryption and store read);
 *                     never an event loop
 * @param guardrails   the rules in force per connection
 * @param sql          parses statements for guardrails; may be null only when no connection has rules
 *                     (a guarded statement then fails closed)
 * @param approvals    where statements that need approval go
 * @param masking      the masking rules per identity and connection
 * @param columns      names the source columns of results, for catalog-column masking rules
 */
public record GatewayServices(IdentityResolver identities, ConnectionCatalog catalog, AccessPolicy access,
        CredentialStore credentials, RecordingPipeline recording, Executor blockingWork, GuardrailRules guardrails,
        PostgresSqlAnalyzer sql, ApprovalGate approvals, MaskingRules masking, TargetCatalog columns) {

    /** Without masking. */
    public GatewayServices(IdentityResolver identities, ConnectionCatalog catalog, AccessPolicy access,
            CredentialStore credentials, RecordingPipeline recording, Executor blockingWork, GuardrailRules guardrails,
            PostgresSqlAnalyzer sql, ApprovalGate approvals) {
        this(identities, catalog, access, credentials, recording, blockingWork, guardrails, sql, approvals, MaskingRules.NONE, null);
    }

    /** Without guardrails. */
    public GatewayServices(IdentityResolver identities, ConnectionCatalog catalog, AccessPolicy access,
            CredentialStore credentials, RecordingPipeline recording, Executor blockingWork) {
        this(identities, catalog, access, credentials, recording, blockingWork, GuardrailRules.NONE, null, ApprovalGate.UNAVAILABLE);
    }

    public GatewayServices {
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(blockingWork, "blockingWork");
        Objects.requireNonNull(guardrails, "guardrails");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(masking, "masking");
    }
}
