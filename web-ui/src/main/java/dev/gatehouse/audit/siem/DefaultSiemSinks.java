package dev.gatehouse.audit.siem;

import dev.gatehouse.audit.Actor;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.CurrentActor;
import dev.gatehouse.catalog.FieldError;
import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.platform.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class DefaultSiemSinks implements SiemSinks {

    /** Associated data for sealing: a sink token cannot be moved into another kind of sealed field. */
    static final String TOKEN_PURPOSE = "gatehouse/siem-sink-token";
    private static final String TARGET_TYPE = "siem_sink";

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    @Inject
    CurrentActor actor;

    @Inject
    SiemExporter exporter;

    @Inject
    Event<SiemSinksChanged> changed;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SiemSink> list() {
        return em.createQuery("select s from SiemSink s order by s.name", SiemSink.class).getResultList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public SiemSink get(UUID id) {
        SiemSink sink = em.find(SiemSink.class, id);
        if (sink == null) {
            throw new SiemSinkNotFoundException(id);
        }
        return sink;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public long headSeq() {
        return ((Number) em.createNativeQuery("select coalesce(max(seq), 0) from audit_event").getSingleResult()).longValue();
    }

    @Override
    public SiemSink create(SinkDraft draft) {
        validate(draft, null, false);
        Actor who = actor.get();
        Instant now = Instant.now();
        long cursor = "now".equals(draft.startAt()) ? headSeq() : 0;
        SiemSink sink = new SiemSink(UUID.randomUUID(), who.name(), now, cursor);
        apply(sink, draft, now);
        if (draft.tokenGiven()) {
            sink.replaceSealedToken(cipher.seal(draft.token(), TOKEN_PURPOSE));
        }
        em.persist(sink);
        flushOrNameTaken(draft.name());
        Map<String, Object> details = describe(sink);
        details.put("startAt", "now".equals(draft.startAt()) ? "now" : "beginning");
        details.put("cursorSeq", cursor);
        details.put("tokenChanged", sink.tokenSet());
        audit.append(who, "siem_sink.created", TARGET_TYPE, sink.id().toString(), sink.name(), "success", details);
        changed.fire(new SiemSinksChanged(sink.id()));
        return sink;
    }

    @Override
    public SiemSink update(UUID id, SinkDraft draft) {
        SiemSink sink = get(id);
        validate(draft, id, sink.tokenSet());
        Map<String, Object> before = describe(sink);
        apply(sink, draft, Instant.now());
        boolean tokenChanged = false;
        if (draft.clearToken()) {
            tokenChanged = sink.tokenSet();
            sink.replaceSealedToken(null);
        } else if (draft.tokenGiven()) {
            sink.replaceSealedToken(cipher.seal(draft.token(), TOKEN_PURPOSE));
            tokenChanged = true;
        }
        flushOrNameTaken(draft.name());
        Map<String, Object> details = new LinkedHashMap<>();
        describe(sink).forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                details.put(key, value);
            }
        });
        details.put("changedFields", new ArrayList<>(details.keySet()));
        // Only the fact of a change is recorded, never the token or its ciphertext.
        details.put("tokenChanged", tokenChanged);
        audit.append(actor.get(), "siem_sink.updated", TARGET_TYPE, id.toString(), sink.name(), "success", details);
        changed.fire(new SiemSinksChanged(id));
        return sink;
    }

    @Override
    public void delete(UUID id) {
        SiemSink sink = get(id);
        Map<String, Object> details = describe(sink);
        details.put("cursorSeq", sink.cursorSeq());
        details.put("deliveredCount", sink.deliveredCount());
        em.remove(sink);
        em.flush();
        audit.append(actor.get(), "siem_sink.deleted", TARGET_TYPE, id.toString(), sink.name(), "success", details);
        changed.fire(new SiemSinksChanged(id));
    }

    @Override
    public SinkTestResult test(UUID id) {
        SiemSink sink = get(id);
        Actor who = actor.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ExportedEvent probe = new ExportedEvent(0, now, who.name(), who.kind(), who.clientAddress(), ExportedEvent.TEST_ACTION, TARGET_TYPE,
                id.toString(), sink.name(), "success",
                Map.of("message", "Gatehouse SIEM test event; it is not part of the audit chain", "sink", sink.name()), null, null, null);
        long started = System.nanoTime();
        SinkTestResult result;
        SinkChannel channel = null;
        try {
            channel = exporter.channels().open(sink.configured());
            channel.send(List.of(probe));
            result = new SinkTestResult(true, "delivered to " + sink.endpoint(), elapsedMillis(started));
        } catch (Exception e) {
            String why = channel != null ? channel.describe(e) : SinkChannel.describe(e, null);
            result = new SinkTestResult(false, why, elapsedMillis(started));
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
        audit.append(who, "siem_sink.tested", TARGET_TYPE, id.toString(), sink.name(), result.delivered() ? "success" : "failure",
                Map.of("endpoint", sink.endpoint(), "message", result.message(), "elapsedMillis", result.elapsedMillis()));
        return result;
    }

    private void validate(SinkDraft draft, UUID selfId, boolean tokenStored) {
        List<FieldError> errors = new ArrayList<>(SinkValidator.check(draft, selfId == null, tokenStored, exporter.settings().fileDirectory()));
        if (draft.name() != null && !draft.name().isEmpty()) {
            em.createQuery("select s from SiemSink s where s.name = :name", SiemSink.class).setParameter("name", draft.name())
                    .getResultStream().filter(other -> !other.id().equals(selfId)).findFirst()
                    .ifPresent(other -> errors.add(new FieldError("name", "a sink named '" + draft.name() + "' already exists")));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }

    private static void apply(SiemSink sink, SinkDraft draft, Instant now) {
        String ca = draft.tlsCaCertificate() == null || draft.tlsCaCertificate().isBlank() ? null : draft.tlsCaCertificate().strip();
        sink.apply(draft.name(), SinkFormat.fromWireName(draft.format()).orElseThrow(),
                SinkTransportKind.fromWireName(draft.transport()).orElseThrow(), draft.endpoint().trim(), ca,
                draft.enabled() == null || draft.enabled(), now);
    }

    private void flushOrNameTaken(String name) {
        try {
            em.flush();
        } catch (PersistenceException raceOnName) {
            throw new ValidationFailedException(List.of(new FieldError("name", "a sink named '" + name + "' already exists")));
        }
    }

    private static Map<String, Object> describe(SiemSink sink) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", sink.name());
        details.put("format", sink.format().wireName());
        details.put("transport", sink.transport().wireName());
        details.put("endpoint", sink.endpoint());
        details.put("enabled", sink.enabled());
        details.put("tokenSet", sink.tokenSet());
        details.put("tlsCaCertificateSet", sink.tlsCaCertificate() != null);
        return details;
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
