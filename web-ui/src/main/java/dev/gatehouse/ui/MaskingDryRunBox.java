package dev.gatehouse.ui;

import dev.gatehouse.catalog.ValidationFailedException;
import dev.gatehouse.identity.CurrentIdentity;
import dev.gatehouse.masking.MaskingDryRun;
import dev.gatehouse.proxy.api.Identity;
import dev.gatehouse.proxy.api.IdentityKind;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The dry-run panel of masking.xhtml: a few columns of one row, masked for an identity on a connection. */
@Named
@ViewScoped
public class MaskingDryRunBox implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient MaskingDryRun dryRun;

    @Inject
    transient CurrentIdentity current;

    private String connection;
    private String username;
    private List<String> roles = new ArrayList<>();
    private final List<SampleRow> columns = List.of(new SampleRow("ssn", "text", "123-45-6789"),
            new SampleRow("email", "text", "jane.doe@example.com"), new SampleRow("note", "text", "call +1 415 555 2671"));
    private MaskingDryRun.Outcome outcome;

    public void run() {
        Identity who = username == null || username.isBlank() ? current.require()
                : new Identity("dry-run:" + username.trim(), username.trim(), null, IdentityKind.HUMAN, Set.copyOf(roles), Set.of(), null, null,
                        null, "dry-run");
        List<MaskingDryRun.SampleColumn> sample = columns.stream().filter(c -> c.getName() != null && !c.getName().isBlank())
                .map(c -> new MaskingDryRun.SampleColumn(c.getName().trim(), c.getType(), null, c.getValue())).toList();
        try {
            outcome = dryRun.run(connection, who, sample);
        } catch (ValidationFailedException invalid) {
            outcome = null;
            MaskingPage.refused("Dry run refused", invalid);
        }
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : roles;
    }

    public List<SampleRow> getColumns() {
        return columns;
    }

    public MaskingDryRun.Outcome getOutcome() {
        return outcome;
    }

    /** One editable column of the sample row. */
    public static class SampleRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private String name;
        private String type;
        private String value;

        SampleRow(String name, String type, String value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }
}
