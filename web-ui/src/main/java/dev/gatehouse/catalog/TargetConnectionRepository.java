package dev.gatehouse.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stores the connection catalog. */
public interface TargetConnectionRepository {

    Optional<TargetConnection> find(UUID id);

    Optional<TargetConnection> findByName(String name);

    List<TargetConnection> findAll();

    void add(TargetConnection connection);

    void remove(TargetConnection connection);

    /**
     * The data path's view of a connection by name, read completely (labels and allowed roles
     * included) before the persistence context closes.
     */
    default Optional<dev.gatehouse.proxy.api.Connection> findDescriptor(String name) {
        return findByName(name).map(TargetConnection::toDescriptor);
    }
}
