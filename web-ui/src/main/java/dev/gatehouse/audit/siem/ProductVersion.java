package dev.gatehouse.audit.siem;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Gatehouse version, written into the build by Maven resource filtering (product.properties). */
public final class ProductVersion {

    private ProductVersion() {
    }

    public static String current() {
        try (InputStream in = ProductVersion.class.getResourceAsStream("product.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
