/**
 * The public surface of the data path. The application (JPA, Keycloak, Camunda) plugs into the
 * proxy only through the small interfaces and values in this package, so the proxy stays plain
 * Java and Netty and can be tested with no container.
 */
package dev.gatehouse.proxy.api;
