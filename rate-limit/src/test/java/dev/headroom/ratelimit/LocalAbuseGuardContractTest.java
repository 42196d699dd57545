package dev.headroom.ratelimit;

import dev.headroom.core.ManualTicker;

class LocalAbuseGuardContractTest extends AbuseGuardContract {

    @Override
    protected AbuseGuard create(String base) {
        return AbuseGuard.local(base, CONFIG, new ManualTicker());
    }

    @Override
    protected Decision.Source source() {
        return Decision.Source.LOCAL;
    }
}
