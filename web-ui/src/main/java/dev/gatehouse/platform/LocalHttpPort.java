package dev.gatehouse.platform;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP port this server listens on, for requests the application sends to itself: what Payara
 * Micro reports (tests start it on a random port, and GATEHOUSE_HTTP_PORT may then be anything),
 * else the launcher's GATEHOUSE_HTTP_PORT. Payara Micro's API is read by reflection because the
 * application does not compile against it.
 */
final class LocalHttpPort {

    private LocalHttpPort() {
    }

    static Optional<Integer> find() {
        Optional<Integer> reported = fromPayaraMicro();
        if (reported.isPresent()) {
            return reported;
        }
        String configured = System.getenv("GATEHOUSE_HTTP_PORT");
        return configured != null && configured.matches("\\d{1,5}") ? Optional.of(Integer.parseInt(configured)) : Optional.empty();
    }

    private static Optional<Integer> fromPayaraMicro() {
        try {
            Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
            Object instance = micro.getMethod("getInstance").invoke(null);
            Optional<Integer> bound = boundPort(micro, instance);
            if (bound.isPresent()) {
                return bound;
            }
            int configured = (Integer) micro.getMethod("getHttpPort").invoke(instance);
            return configured > 0 ? Optional.of(configured) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException notPayaraMicro) {
            return Optional.empty();
        }
    }

    /** The port the running instance describes itself with (with auto-binding, not always the one asked for). */
    private static Optional<Integer> boundPort(Class<?> micro, Object instance) {
        try {
            Object runtime = micro.getMethod("getRuntime").invoke(instance);
            Method localDescriptor = Class.forName("fish.payara.micro.PayaraMicroRuntime").getMethod("getLocalDescriptor");
            Object descriptor = localDescriptor.invoke(runtime);
            if (descriptor == null) {
                return Optional.empty();
            }
            Method httpPorts = Class.forName("fish.payara.micro.data.InstanceDescriptor").getMethod("getHttpPorts");
            List<?> ports = (List<?>) httpPorts.invoke(descriptor);
            return ports == null || ports.isEmpty() ? Optional.empty() : Optional.of((Integer) ports.getFirst());
        } catch (ReflectiveOperationException | RuntimeException noDescriptor) {
            return Optional.empty();
        }
    }
}
