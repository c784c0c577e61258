package dev.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md keeps the data path free of the container stacks. The enforcer rule in the pom
 * bans them as dependencies; this test checks the other two ways they could creep in: a compiled
 * reference in our own classes, and a jar that arrives transitively on the runtime class path.
 */
class ModuleBoundaryTest {

    private static final List<String> FORBIDDEN = List.of(
            "jakarta/", "javax/persistence/", "javax/ejb/", "org/camunda/", "org/hibernate/", "org/primefaces/",
            "org/keycloak/", "org/eclipse/microprofile/");

    @Test
    void compiledClassesReferenceNoContainerApi() throws IOException {
        Path classes = Path.of("target", "classes");
        assertThat(classes).isDirectory();
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                scanned++;
                // Class-file constant pools hold referenced type names as plain modified-UTF-8 strings.
                String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                FORBIDDEN.stream().filter(constantPool::contains).forEach(p -> offenders.add(file + " -> " + p));
            }
        }
        assertThat(scanned).as("classes scanned").isPositive();
        assertThat(offenders).as("references to container APIs").isEmpty();
    }

    /** STYLE.md: policy, SQL analysis and masking get decoded messages and never see Netty. */
    @Test
    void policySqlAnalysisAndMaskingDoNotReferenceNetty() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (String pkg : List.of("policy", "sql", "masking")) {
            Path classes = Path.of("target", "classes", "dev", "gatehouse", "proxy", pkg);
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    scanned++;
                    if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("io/netty/")) {
                        offenders.add(file.toString());
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isPositive();
        assertThat(offenders).as("policy, sql or masking classes referring to Netty").isEmpty();
    }

    /**
     * gatehouse-verify.jar ships only the audit packages and the PostgreSQL driver (gateway-ear's
     * pom), so they may use the JDK and each other, never another part of the proxy or its libraries.
     */
    @Test
    void auditClassesStandAlone() throws IOException {
        Path audit = Path.of("target", "classes", "dev", "gatehouse", "proxy", "audit");
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(audit)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                scanned++;
                String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String outside = constantPool.replace("dev/gatehouse/proxy/audit/", "");
                for (String foreign : List.of("dev/gatehouse/", "io/netty/", "com/dylibso/", "com/ongres/", "org/postgresql/")) {
                    if (outside.contains(foreign)) {
                        offenders.add(file + " -> " + foreign);
                    }
                }
            }
        }
        assertThat(scanned).as("classes scanned").isPositive();
        assertThat(offenders).as("audit classes referring outside the JDK and the audit packages").isEmpty();
    }

    @Test
    void runtimeClassPathCarriesNoContainerJar() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") || entry.contains("junit") || entry.contains("assertj")
                    || entry.contains("opentest4j") || entry.contains("apiguardian") || entry.contains("surefire")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                jar.stream().map(e -> e.getName())
                        .filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith))
                        .findFirst()
                        .ifPresent(name -> offenders.add(entry + " contains " + name));
            }
        }
        assertThat(offenders).as("container jars on proxy-module's class path").isEmpty();
    }

    @Test
    void theCheckWouldNoticeAForbiddenReference() {
        // Guards the guard: a class that does use a Jakarta type must be caught by the same scan.
        String sample = "Ljakarta/persistence/Entity;";
        assertThat(FORBIDDEN.stream().anyMatch(sample::contains)).isTrue();
    }
}
