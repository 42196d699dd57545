package dev.headroom.ratelimit;

class LocalRateLimiterContractTest extends RateLimiterContract {

    @Override
    protected RateLimiter create(RateLimitPolicy policy) {
        return RateLimiter.local(policy, RateLimiterConfig.ofDefaults(), scheduler);
    }

    @Override
    protected Decision.Source source() {
        return Decision.Source.LOCAL;
    }

    @Override
    protected String name(String base) {
        return base;
    }
}
