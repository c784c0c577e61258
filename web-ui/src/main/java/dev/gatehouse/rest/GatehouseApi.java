package dev.gatehouse.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The REST API under /api/v1. Classes are listed explicitly: keycloak-admin-client brings RESTEasy
 * into WEB-INF/lib, and classpath scanning would then register its providers with Payara's Jersey.
 */
@ApplicationPath("/api/v1")
public class GatehouseApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                ConnectionsResource.class,
                AgentsResource.class,
                MeResource.class,
                AccessResource.class,
                TokensResource.class,
                SessionsResource.class,
                GuardrailsResource.class,
                AuditResource.class,
                SiemSinksResource.class,
                RetentionResource.class,
                MaskingRulesResource.class,
                MaskingKeysResource.class,
                MaskingExemptionsResource.class,
                MaskingCoverageResource.class,
                ApprovalsResource.class,
                ApprovalChainsResource.class,
                AccessReviewsResource.class,
                EvidenceExceptionsResource.class,
                AccessRevocationsResource.class,
                EvidencePacksResource.class,
                RoutingProbeResource.class,
                RoleCheckFilter.class,
                ApiExceptionMapper.class);
    }
}
