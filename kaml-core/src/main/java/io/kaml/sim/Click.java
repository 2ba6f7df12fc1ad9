package io.kaml.sim;

/**
 * One click being generated: who clicked which ad in which context, plus the two latent match
 * scores the click model already computed and the funnel reuses. Mutable and reused from click to
 * click so the hot loop allocates nothing.
 */
final class Click {
    int user;
    int ad;
    int advertiser;
    /** The advertiser's target action. */
    Action target;
    int placement;
    int hour;
    int weekday;
    /** Taste match of user and ad: the user's taste vector dotted with the ad vector. */
    double match;
    /** The user's affinity to the ad's industry. */
    double affinity;
    /**
     * What delivery's latent intent adds to the target action's logit ({@code W * eta}, see
     * {@link ClickModel}); never written to the log.
     */
    double targetLift;
}
