/**
 * The PostgreSQL side of the differential oracle ({@code dev.gatehouse.proxy.oracle}): the corpus
 * file's sessions sent through a raw socket, the target's csvlog of what it executed, and the
 * gateway's stand-ins recognised by their exact form.
 */
package dev.gatehouse.proxy.protocol.postgres.oracle;
