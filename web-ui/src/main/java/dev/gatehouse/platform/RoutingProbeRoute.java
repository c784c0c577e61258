package dev.gatehouse.platform;

/** Where the routing probe answers under /api/v1 and what it says; shared by the route and the check. */
public final class RoutingProbeRoute {

    public static final String PATH = "internal/routing-probe";
    public static final String ANSWER = "routed";

    private RoutingProbeRoute() {
    }
}
