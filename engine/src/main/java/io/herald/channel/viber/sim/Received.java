package io.herald.channel.viber.sim;

/**
 * One message the simulator accepted, as Herald sent it ({@code ""} for an absent field; {@code
 * ttl} -1 when none was given): what a test asserts the adapter's JSON against.
 */
public record Received(
    String messageUuid,
    String clientRef,
    String to,
    String from,
    String messageType,
    String text,
    String imageUrl,
    String caption,
    String buttonUrl,
    String buttonText,
    String category,
    long ttl) {}
