package dev.gatehouse.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaTargetConnectionRepository implements TargetConnectionRepository {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Override
    public Optional<TargetConnection> find(UUID id) {
        return Optional.ofNullable(em.find(TargetConnection.class, id));
    }

    @Override
    public Optional<TargetConnection> findByName(String name) {
        return em.createQuery("select c from TargetConnection c where c.name = :name", TargetConnection.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    /**
     * Its own transaction when called outside one: the data path calls it from executor threads,
     * where only a transaction gives each call a persistence context of its own.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<dev.gatehouse.proxy.api.Connection> findDescriptor(String name) {
        return findByName(name).map(TargetConnection::toDescriptor);
    }

    @Override
    public List<TargetConnection> findAll() {
        return em.createQuery("select c from TargetConnection c order by c.name", TargetConnection.class).getResultList();
    }

    @Override
    public void add(TargetConnection connection) {
        em.persist(connection);
        // Flush now so a duplicate name fails here, inside the service, where it becomes a field error.
        em.flush();
    }

    @Override
    public void remove(TargetConnection connection) {
        em.remove(connection);
    }
}
