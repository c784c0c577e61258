package dev.gatehouse.rest;

import dev.gatehouse.accessreview.AccessReviewException;
import dev.gatehouse.agents.AgentNotFoundException;
import dev.gatehouse.agents.IdentityProviderException;
import dev.gatehouse.audit.RefusedActionException;
import dev.gatehouse.audit.siem.SiemSinkNotFoundException;
import dev.gatehouse.catalog.ConnectionNotFoundException;
import dev.gatehouse.guardrails.GuardrailNotFoundException;
import dev.gatehouse.identity.IdentityInventory.IdentityProviderUnavailableException;
import dev.gatehouse.identity.TokenNotFoundException;
import dev.gatehouse.masking.MaskingNotFoundException;
import dev.gatehouse.masking.TargetUnavailableException;
import dev.gatehouse.recording.SessionNotFoundException;
import dev.gatehouse.retention.RetentionPolicyNotFoundException;
import dev.gatehouse.proxy.api.AuthenticationFailedException;
import dev.gatehouse.workflow.ApprovalException;
import dev.gatehouse.workflow.chain.MalformedChainException;
import jakarta.json.stream.JsonParsingException;
import dev.gatehouse.catalog.ValidationFailedException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into the documented JSON error body. Unexpected errors are logged with an
 * incident id and answered without internals, so clients never see stack traces or SQL.
 */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof ValidationFailedException invalid) {
            return json(400, new ApiError("validation_failed", "The request has invalid fields.", invalid.errors()));
        }
        if (e instanceof ConnectionNotFoundException || e instanceof AgentNotFoundException || e instanceof TokenNotFoundException
                || e instanceof SessionNotFoundException || e instanceof GuardrailNotFoundException
                || e instanceof SiemSinkNotFoundException || e instanceof RetentionPolicyNotFoundException
                || e instanceof MaskingNotFoundException) {
            return json(404, ApiError.of("not_found", e.getMessage()));
        }
        if (e instanceof RefusedActionException refused) {
            return json(403, ApiError.of(refused.code(), refused.getMessage()));
        }
        if (e instanceof ApprovalException refused) {
            return json(ApprovalErrors.status(refused.reason()), ApiError.of(refused.reason().name().toLowerCase(Locale.ROOT),
                    refused.getMessage()));
        }
        if (e instanceof AccessReviewException refused) {
            return json(refused.reason().status(), ApiError.of(refused.reason().code(), refused.getMessage()));
        }
        if (e instanceof IdentityProviderUnavailableException) {
            LOG.log(Level.WARNING, "gatehouse: {0}", e.getMessage());
            return json(503, ApiError.of("identity_provider_unavailable", "The identity inventory cannot be read from the identity"
                    + " provider right now; retry later."));
        }
        if (e instanceof MalformedChainException malformed) {
            return json(400, ApiError.of("malformed_chain", malformed.getMessage()));
        }
        if (e instanceof TargetUnavailableException) {
            return json(502, ApiError.of("target_unavailable", e.getMessage()));
        }
        if (e instanceof AuthenticationFailedException refused) {
            return json(401, ApiError.of(refused.code(), "Authentication failed: " + refused.getMessage() + "."));
        }
        if (e instanceof IdentityProviderException) {
            LOG.log(Level.WARNING, "gatehouse: {0}", e.getMessage());
            return json(502, ApiError.of("identity_provider_error", "The identity provider refused or failed the change; see the gateway log."));
        }
        if (e instanceof OptimisticLockException) {
            return json(409, ApiError.of("conflict", "The resource was changed by someone else; reload and retry."));
        }
        if (e instanceof JsonbException || e instanceof JsonParsingException) {
            return json(400, ApiError.of("malformed_body", "The body is not valid JSON of the expected shape."));
        }
        if (e instanceof ProcessingException) {
            // Outbound calls (keycloak-admin-client) fail with this too: that is a dependency, not the caller.
            LOG.log(Level.WARNING, "gatehouse: a dependency call failed: {0}", e.getMessage());
            return json(503, ApiError.of("dependency_unavailable", "A service Gatehouse depends on (the identity provider) is not answering."));
        }
        if (e instanceof NotFoundException) {
            return json(404, ApiError.of("not_found", "No such resource."));
        }
        if (e instanceof NotAllowedException) {
            return json(405, ApiError.of("method_not_allowed", "That method is not allowed on this resource."));
        }
        if (e instanceof NotSupportedException) {
            return json(415, ApiError.of("unsupported_media_type", "Send application/json."));
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return json(status, ApiError.of("http_" + status, web.getResponse().getStatusInfo().getReasonPhrase()));
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected API error, incident " + incident, e);
        return json(500, ApiError.of("internal_error", "Unexpected error; incident " + incident + " is in the gateway log."));
    }

    /** EJB and CDI interceptors may wrap the domain exception: answer for the first known type in the chain. */
    private static Throwable unwrap(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof ValidationFailedException || e instanceof ConnectionNotFoundException || e instanceof AgentNotFoundException
                    || e instanceof TokenNotFoundException || e instanceof SessionNotFoundException || e instanceof GuardrailNotFoundException
                    || e instanceof SiemSinkNotFoundException
                    || e instanceof RetentionPolicyNotFoundException || e instanceof MaskingNotFoundException
                    || e instanceof TargetUnavailableException || e instanceof ApprovalException || e instanceof MalformedChainException
                    || e instanceof AccessReviewException || e instanceof IdentityProviderUnavailableException
                    || e instanceof AuthenticationFailedException || e instanceof IdentityProviderException
                    || e instanceof OptimisticLockException || e instanceof JsonbException || e instanceof JsonParsingException) {
                return e;
            }
        }
        return thrown;
    }

    private static Response json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
