package dev.gatehouse.rest;

import dev.gatehouse.masking.TokenKeys;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/masking-keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "masking")
@RequiresRole(RequiresRole.ADMIN)
public class MaskingKeysResource {

    @Inject
    TokenKeys keys;

    @GET
    @RequiresRole({RequiresRole.ADMIN, RequiresRole.AUDITOR})
    @Operation(summary = "Tokenization keys, oldest first; never their material")
    public List<MaskingKeyView> list() {
        return keys.list().stream().map(MaskingKeyView::of).toList();
    }

    @POST
    @Operation(summary = "Generate a new key (256 random bits, sealed with the master key); 400 when the id is invalid or taken")
    public Response create(MaskingKeyRequest request, @Context UriInfo uri) {
        MaskingKeyView created = MaskingKeyView.of(keys.create(RequestChecks.requireBody(request).keyId));
        return Response.created(uri.getAbsolutePathBuilder().path(created.keyId()).build()).entity(created).build();
    }

    @POST
    @Path("/{keyId}/retire")
    @Operation(summary = "Retire a key no rule uses any more; 400 naming the rules that still use it")
    public MaskingKeyView retire(@PathParam("keyId") String keyId) {
        return MaskingKeyView.of(keys.retire(keyId));
    }
}
