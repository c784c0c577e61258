package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Real clients of a deployed gateway's data path: psql, JDBC, and the health endpoint that says where it listens. */
public final class DataPathClient {

    private final URL base;

    public DataPathClient(URL base) {
        this.base = base;
    }

    public record Psql(int exit, String stdout, String stderr) {
    }

    /** The health endpoint's status code and body. */
    public HttpResponse<String> health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base.toString().replaceAll("/$", "") + "/health/ready")).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The PostgreSQL listener's port, as the health endpoint reports it (the ITs bind port 0). */
    public int postgresPort() throws Exception {
        String health = health().body();
        JsonObject json = Json.createReader(new StringReader(health)).readObject();
        for (JsonValue check : json.getJsonArray("checks")) {
            JsonObject object = check.asJsonObject();
            if (object.getString("name").equals("postgres-listener")) {
                // MicroProfile Health serialises the data values as JSON strings or numbers, depending on the runtime.
                return Integer.parseInt(object.getJsonObject("data").get("port").toString().replace("\"", ""));
            }
        }
        throw new AssertionError("no postgres-listener in " + health);
    }

    public Psql psql(String connection, String database, String password, String sslmode, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-v", "VERBOSITY=verbose",
                "host=127.0.0.1 port=" + postgresPort() + " user=" + connection + " dbname=" + database
                        + " sslmode=" + sslmode + " connect_timeout=10"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", password);
        Path err = Files.createTempFile("psql", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String error = Files.readString(err);
        Files.delete(err);
        return new Psql(process.exitValue(), out, error);
    }

    public Connection jdbc(String connection, String database, String password) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", connection);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort() + "/" + database, properties);
    }

}
