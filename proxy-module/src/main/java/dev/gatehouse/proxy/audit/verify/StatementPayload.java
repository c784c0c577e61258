package dev.gatehouse.proxy.audit.verify;

/**
 * A statement's recorded text and parameters, kept outside the chain (data_statement) where
 * retention may drop them; the chain holds only their hashes.
 *
 * @param sql        the statement text exactly as recorded, or null once purged
 * @param parameters the parameters' JSON text exactly as recorded, or null once purged
 */
public record StatementPayload(String sql, String parameters) {

    public boolean isPurged() {
        return sql == null && parameters == null;
    }
}
