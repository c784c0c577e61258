package dev.gatehouse.rest;

import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.identity.GatehouseTokens;
import dev.gatehouse.identity.IssuedToken;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRole
@Tag(name = "tokens", description = "Short-lived opaque Gatehouse tokens for clients whose password field cannot hold a JWT")
public class TokensResource {

    @Inject
    GatehouseTokens tokens;

    @Inject
    CurrentIdentity current;

    @Inject
    CurrentActor actor;

    @Schema(name = "TokenRequest")
    public static class TokenRequest {
        @Schema(description = "Lifetime in seconds; default 900, at most GATEHOUSE_TOKEN_MAX_TTL_SECONDS")
        public Integer lifetimeSeconds;
        @Schema(description = "Free text shown in the token list, e.g. 'psql on laptop'")
        public String purpose;
    }

    /** A token as listed. {@code token} is present only in the response to POST. */
    @Schema(name = "GatehouseToken")
    public record TokenView(String id, String token, String username, String kind, Instant issuedAt, Instant expiresAt, Instant revokedAt,
            String purpose) {

        static TokenView of(IssuedToken t, String plaintext) {
            return new TokenView(t.id().toString(), plaintext, t.username(), t.kind().wireName(), t.issuedAt(), t.expiresAt(), t.revokedAt(),
                    t.purpose());
        }
    }

    @POST
    @Operation(summary = "Exchange the presented Keycloak access token for a Gatehouse token (shown once)")
    public Response exchange(TokenRequest request) {
        TokenRequest body = request == null ? new TokenRequest() : request;
        GatehouseTokens.Issued issued = tokens.issue(current.require(), body.lifetimeSeconds, body.purpose, actor.get());
        return Response.status(201).entity(TokenView.of(issued.row(), issued.token())).build();
    }

    @GET
    @Operation(summary = "My Gatehouse tokens (never their values)")
    public List<TokenView> mine() {
        return tokens.issuedTo(current.require().subject()).stream().map(t -> TokenView.of(t, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of my tokens (admins: any token)")
    public TokenView revoke(@PathParam("id") String id) {
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailedException(List.of(new FieldError("id", "is not a valid token id")));
        }
        return TokenView.of(tokens.revoke(tokenId, current.require(), actor.get()), null);
    }
}
