package dev.gatehouse.assembly;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Makes JDBC URLs safe to print: PostgreSQL URLs may carry the user and password as parameters. */
final class JdbcUrls {

    /** {@code //user:secret@host}: pgjdbc does not use it, but a person may still have typed it. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?@]*@");

    private JdbcUrls() {
    }

    static String withoutCredentials(String url) {
        String withoutUserInfo = USER_INFO.matcher(url).replaceFirst("//");
        int query = withoutUserInfo.indexOf('?');
        if (query < 0) {
            return withoutUserInfo;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : withoutUserInfo.substring(query + 1).split("&")) {
            if (!parameter.isEmpty() && !isCredential(parameterName(parameter))) {
                kept.add(parameter);
            }
        }
        return withoutUserInfo.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    /** Values of the secret-bearing parameters, raw and decoded, to scrub from any message. */
    static List<String> secretValues(String url) {
        List<String> secrets = new ArrayList<>();
        int query = url.indexOf('?');
        if (query < 0) {
            return secrets;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && isSecret(parameter.substring(0, equals))) {
                String raw = parameter.substring(equals + 1);
                secrets.add(raw);
                try {
                    secrets.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncoded) {
                    // The raw form is scrubbed already; pgjdbc would reject this URL anyway.
                }
            }
        }
        return secrets;
    }

    private static String parameterName(String parameter) {
        int equals = parameter.indexOf('=');
        return equals < 0 ? parameter : parameter.substring(0, equals);
    }

    private static boolean isCredential(String name) {
        return name.equalsIgnoreCase("user") || isSecret(name);
    }

    private static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token");
    }
}
