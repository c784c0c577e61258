package dev.gatehouse.evidence;

import dev.gatehouse.audit.chain.AuditSigningKeys;
import dev.gatehouse.audit.siem.ProductVersion;
import dev.gatehouse.evidence.pack.EvidenceChainPart;
import dev.gatehouse.evidence.pack.PackCustody;
import dev.gatehouse.evidence.pack.TimestampAuthorities;
import dev.gatehouse.identity.IdentityInventory;
import dev.gatehouse.identity.InventoryIdentity;
import dev.gatehouse.platform.DirectStoreConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The gateway's pack builder: the audit key signs the manifest, the identity provider supplies the
 * inventory, and the store is read over a connection of its own (outside the pool, since a large
 * period keeps it for a while). A pack never goes out with a silently missing part: when the
 * identity provider cannot be asked, the job fails with that reason and can be run again.
 */
@ApplicationScoped
public class EvidencePackBuilder implements PackBuilder {

    @Inject
    AuditSigningKeys keys;

    @Inject
    EvidenceChainPart chain;

    @Inject
    IdentityInventory identities;

    @Inject
    TimestampAuthorities timestampers;

    @Override
    public BuiltPack build(String packId, PackScope scope, String requestedBy, OutputStream out, PackProgress progress) throws IOException {
        progress.at("reading the identity inventory", 0);
        List<InventoryIdentity> inventory;
        try {
            inventory = identities.identities();
        } catch (IdentityInventory.IdentityProviderUnavailableException e) {
            throw new IOException("the identity inventory could not be read from the identity provider (" + e.getMessage()
                    + "); generate the pack again once it is reachable", e);
        }
        // A crosswalk that names an unknown framework refuses the pack before anything is read, with the line that is wrong.
        Crosswalk crosswalk;
        try {
            crosswalk = Crosswalk.configured(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IOException("the crosswalk is refused: " + e.getMessage(), e);
        }
        AuditSigningKeys.ActivePublicKey key = keys.activePublicKey();
        PackCustody custody = new PackCustody(key.publicKey(), key.createdAt(), timestampers.configured());
        EvidencePackAssembly assembly = new EvidencePackAssembly(new EvidencePackAssembly.Parts(chain::write, keys::sign,
                key.keyId(), "Gatehouse " + ProductVersion.current(), Clock.systemUTC(), custody, crosswalk));
        try (Connection store = DirectStoreConnections.application()) {
            return assembly.build(packId, scope, requestedBy, inventory, store, out, progress);
        } catch (SQLException e) {
            throw new IOException("reading the store for the pack failed: " + e.getMessage(), e);
        }
    }
}
