package dev.headroom.core.redis.internal;

/**
 * Hears a {@link RedisSubscriber}: the messages of its channels and patterns, and when the
 * subscription was lost and regained. Called on Redis I/O threads, one call at a time per
 * subscription: be quick and hand real work on. An exception it throws is caught, counted and
 * logged; the subscription goes on.
 */
public interface PubSubListener {

    /**
     * A message arrived on a subscribed channel, or on a channel a subscribed pattern matches.
     *
     * @param channel the channel it was published on
     * @param message the message body
     */
    void onMessage(String channel, byte[] message);

    /**
     * The subscription was lost: messages published from now until {@link #onResubscribed()} are
     * not delivered. Called once per loss.
     */
    default void onDisconnected() {}

    /**
     * The subscription is up again after a loss, or after the first attempt at start failed:
     * messages published in between were missed. Not called for a subscription that succeeded at
     * start.
     */
    default void onResubscribed() {}
}
