package dev.headroom.core.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs {@link RedisScript}s in one round trip: {@code EVALSHA} first, and {@code EVAL} with the full
 * source only when the server answers {@code NOSCRIPT} (after a restart, a failover or a {@code
 * SCRIPT FLUSH}); {@code EVAL} also caches the script on that server for next time.
 *
 * <p>Works the same on standalone and cluster connections: on a cluster the command goes to the
 * node that owns the first key's slot. Failures other than {@code NOSCRIPT} (timeouts, a
 * disconnected client, a script error) reach the caller unchanged, for a breaker to judge.
 * Thread-safe; obtain one from {@link RedisPlumbing#scripts()}.
 */
public final class ScriptRunner {

    private final RedisClusterCommands<byte[], byte[]> sync;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;

    ScriptRunner(RedisClusterCommands<byte[], byte[]> sync, RedisClusterAsyncCommands<byte[], byte[]> async) {
        this.sync = sync;
        this.async = async;
    }

    /**
     * Runs a script and waits for its reply, at most the command timeout.
     *
     * @param script the script
     * @param output how to read the reply
     * @param keys the keys the script touches, all with one hash tag
     * @param args the script's arguments
     * @param <T> the Java type of the reply
     * @return the script's reply
     * @throws io.lettuce.core.RedisException if Redis is unreachable, times out, or the script fails
     */
    public <T> T run(RedisScript script, ScriptOutput<T> output, byte[][] keys, byte[]... args) {
        Object reply;
        try {
            reply = sync.evalsha(script.sha1(), output.type(), keys, args);
        } catch (RedisNoScriptException e) {
            reply = sync.eval(script.bodyUnsafe(), output.type(), keys, args);
        }
        return output.adapt(reply);
    }

    /**
     * Runs a script without blocking.
     *
     * @param script the script
     * @param output how to read the reply
     * @param keys the keys the script touches, all with one hash tag
     * @param args the script's arguments
     * @param <T> the Java type of the reply
     * @return a future of the script's reply, completed exceptionally if Redis is unreachable, times
     *     out, or the script fails
     */
    public <T> CompletableFuture<T> runAsync(
            RedisScript script, ScriptOutput<T> output, byte[][] keys, byte[]... args) {
        CompletableFuture<Object> first =
                async.<Object>evalsha(script.sha1(), output.type(), keys, args).toCompletableFuture();
        return first.exceptionallyCompose(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof RedisNoScriptException) {
                        return async.<Object>eval(script.bodyUnsafe(), output.type(), keys, args)
                                .toCompletableFuture();
                    }
                    return CompletableFuture.failedFuture(cause);
                })
                .thenApply(output::adapt);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure.getCause();
        return failure instanceof CompletionException && cause != null ? cause : failure;
    }
}
