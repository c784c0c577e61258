package dev.gatehouse.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Turns the plain-Java platform pieces into injectable beans, read once per deployment. */
@ApplicationScoped
public class PlatformProducers {

    @Produces
    @Singleton
    GatehouseSettings settings() {
        return GatehouseSettings.fromEnvironment();
    }

    @Produces
    @Singleton
    SecretCipher secretCipher(GatehouseSettings settings) {
        return new SecretCipher(MasterKeyLoader.load(settings));
    }
}
