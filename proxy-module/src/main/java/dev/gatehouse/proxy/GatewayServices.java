package dev.gatehouse.proxy;

import dev.gatehouse.proxy.api.AccessPolicy;
import dev.gatehouse.proxy.api.ConnectionCatalog;
import dev.gatehouse.proxy.api.CredentialStore;
import dev.gatehouse.proxy.api.IdentityResolver;
import dev.gatehouse.proxy.recording.RecordingPipeline;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every protocol engine needs from the application, in one value so engines share one
 * recording pipeline and one pool for blocking work.
 *
 * @param blockingWork runs calls that may block (the credential store's decryption and store read);
 *                     never an event loop
 */
public record GatewayServices(IdentityResolver identities, ConnectionCatalog catalog, AccessPolicy access,
        CredentialStore credentials, RecordingPipeline recording, Executor blockingWork) {

    public GatewayServices {
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(blockingWork, "blockingWork");
    }
}
