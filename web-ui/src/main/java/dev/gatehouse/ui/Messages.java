package dev.gatehouse.ui;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Growl messages for action outcomes. Messages survive the redirect after a save. */
final class Messages {

    private Messages() {
    }

    static void info(String summary, String detail) {
        add(null, FacesMessage.SEVERITY_INFO, summary, detail);
    }

    static void error(String summary, String detail) {
        add(null, FacesMessage.SEVERITY_ERROR, summary, detail);
    }

    static void outcome(boolean success, String summary, String detail) {
        add(null, success ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR, summary + (success ? " succeeded" : " failed"), detail);
    }

    static void field(String clientId, String detail) {
        add(clientId, FacesMessage.SEVERITY_ERROR, detail, detail);
    }

    private static void add(String clientId, FacesMessage.Severity severity, String summary, String detail) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.addMessage(clientId, new FacesMessage(severity, summary, detail));
        context.getExternalContext().getFlash().setKeepMessages(true);
    }
}
