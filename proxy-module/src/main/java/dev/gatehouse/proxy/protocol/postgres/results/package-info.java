/**
 * The wire side of masking: which description the target's rows have ({@code ResultDescriptions}),
 * and rewriting DataRow, ErrorResponse, NoticeResponse, NotificationResponse and CopyData frames
 * with what the Netty-free engine in {@code dev.gatehouse.proxy.masking} decides.
 */
package dev.gatehouse.proxy.protocol.postgres.results;
