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
}
