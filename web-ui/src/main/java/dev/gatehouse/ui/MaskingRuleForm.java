package dev.gatehouse.ui;

import dev.gatehouse.masking.MaskingRuleDraft;
import dev.gatehouse.masking.StoredMaskingRule;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The masking rule dialog's fields. Only the fields of the chosen target and method are sent on, so
 * a value left over from another choice is not refused as a stray parameter; everything else is
 * validated by the service, with the same words the API uses.
 */
public class MaskingRuleForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String id;
    private String name;
    private String connection = "*";
    private boolean enabled = true;
    private List<String> roles = new ArrayList<>();
    private List<String> identities = new ArrayList<>();
    private String target = "detector";
    private String schema = "public";
    private String table;
    private String column;
    private String namePattern;
    private String detector = "us-ssn";
    private String customRegex;
    private String customLabel;
    private String method = "redact";
    private String placeholder;
    private Integer keepFirst;
    private Integer keepLast;
    private String maskChar;
    private String keyId;

    static MaskingRuleForm of(StoredMaskingRule r) {
        MaskingRuleForm form = new MaskingRuleForm();
        form.id = r.id().toString();
        form.name = r.name();
        form.connection = r.connection();
        form.enabled = r.enabled();
        form.roles = new ArrayList<>(r.roles());
        form.identities = new ArrayList<>(r.identities());
        form.target = r.target();
        form.schema = r.schema();
        form.table = r.table();
        form.column = r.column();
        form.namePattern = r.namePattern();
        form.detector = r.detectorKind();
        form.customRegex = r.customRegex();
        form.customLabel = r.customLabel();
        form.method = r.method();
        form.placeholder = r.placeholder();
        form.keepFirst = r.keepFirst();
        form.keepLast = r.keepLast();
        form.maskChar = r.maskChar();
        form.keyId = r.keyId();
        return form;
    }

    MaskingRuleDraft toDraft() {
        boolean column = "column".equals(target);
        boolean byName = "column_name".equals(target);
        boolean content = "detector".equals(target);
        boolean custom = content && "custom".equals(detector);
        boolean partial = "partial".equals(method);
        return new MaskingRuleDraft(name, connection, enabled, roles, identities, target, column ? schema : null, column ? table : null,
                column ? this.column : null, byName ? namePattern : null, content ? detector : null, custom ? customRegex : null,
                custom ? customLabel : null, method, "redact".equals(method) ? placeholder : null, partial ? keepFirst : null,
                partial ? keepLast : null, partial ? maskChar : null, "tokenize".equals(method) ? keyId : null, null);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getConnection() {
        return connection;
    }

    public void setConnection(String connection) {
        this.connection = connection;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public List<String> getIdentities() {
        return identities;
    }

    public void setIdentities(List<String> identities) {
        this.identities = identities;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getColumn() {
        return column;
    }

    public void setColumn(String column) {
        this.column = column;
    }

    public String getNamePattern() {
        return namePattern;
    }

    public void setNamePattern(String namePattern) {
        this.namePattern = namePattern;
    }

    public String getDetector() {
        return detector;
    }

    public void setDetector(String detector) {
        this.detector = detector;
    }

    public String getCustomRegex() {
        return customRegex;
    }

    public void setCustomRegex(String customRegex) {
        this.customRegex = customRegex;
    }

    public String getCustomLabel() {
        return customLabel;
    }

    public void setCustomLabel(String customLabel) {
        this.customLabel = customLabel;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getPlaceholder() {
        return placeholder;
    }

    public void setPlaceholder(String placeholder) {
        this.placeholder = placeholder;
    }

    public Integer getKeepFirst() {
        return keepFirst;
    }

    public void setKeepFirst(Integer keepFirst) {
        this.keepFirst = keepFirst;
    }

    public Integer getKeepLast() {
        return keepLast;
    }

    public void setKeepLast(Integer keepLast) {
        this.keepLast = keepLast;
    }

    public String getMaskChar() {
        return maskChar;
    }

    public void setMaskChar(String maskChar) {
        this.maskChar = maskChar;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }
}
