package dev.headroom.ratelimit;

class LocalRateLimiterContractTest extends RateLimiterContract {

    @Override
    protected RateLimiter create(RateLimitPolicy policy) {
        return LocalRateLimiters.builder().ticker(ticker).build().limiter(policy);
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
