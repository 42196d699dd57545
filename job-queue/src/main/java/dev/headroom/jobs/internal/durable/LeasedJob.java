package dev.headroom.jobs.internal.durable;

/** A job leased to a worker: its id, the lease token, the encoded payload and what retrying needs. */
@SuppressWarnings("ArrayRecordComponent") // internal carrier; never compared or hashed
record LeasedJob(String id, String token, byte[] payload, int failedAttempts, int maxAttempts, String backoff) {}
