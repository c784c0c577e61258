package dev.gatehouse.audit.siem.format;

/**
 * The escaping rules of ArcSight CEF and of RFC 5424 structured data: each kind of field has its own
 * set of characters that would otherwise end it early.
 */
final class CefText {

    private CefText() {
    }

    /** A CEF header field: backslash and pipe are escaped; a header cannot span lines, so line breaks become spaces. */
    static String header(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '|' -> out.append("\\|");
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A CEF extension value: backslash and equals are escaped, line breaks are written as \n and \r. */
    static String extension(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '=' -> out.append("\\=");
                case '\r' -> {
                    boolean crlf = i + 1 < value.length() && value.charAt(i + 1) == '\n';
                    out.append(crlf ? "\\n" : "\\r");
                    if (crlf) {
                        i++;
                    }
                }
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An RFC 5424 PARAM-VALUE: double quote, backslash and closing bracket are escaped. */
    static String paramValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** An RFC 5424 header token (HOSTNAME, MSGID): printable US-ASCII only, bounded, "-" when nothing is left. */
    static String token(String value, int maxLength) {
        StringBuilder out = new StringBuilder();
        if (value != null) {
            for (char c : value.toCharArray()) {
                if (c >= 33 && c <= 126 && out.length() < maxLength) {
                    out.append(c);
                }
            }
        }
        return out.isEmpty() ? "-" : out.toString();
    }
}
