package io.kaml.sim;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The low-cardinality categorical features with a direct effect on conversion, each with its level
 * names as written to the files and the relative size of its effect. The funnel keeps one effect per
 * level for the part shared by all actions and one per level and action for the action-specific part.
 */
enum Attribute {
    AGE_BAND(1.0, List.of("18-23", "24-30", "31-40", "41-50", "51+")),
    GENDER(1.0, List.of("female", "male", "unknown")),
    CITY_TIER(1.0, List.of("tier1", "tier2", "tier3", "tier4", "tier5")),
    DEVICE(1.0, List.of("apple", "huawei", "xiaomi", "oppo", "vivo", "samsung", "other")),
    OS(1.0, List.of("ios", "android", "harmonyos")),
    CREATIVE_TYPE(1.0, List.of("image", "video", "carousel", "playable", "text")),
    PLACEMENT(1.0, List.of("feed", "search", "splash", "rewarded_video", "banner")),
    HOUR(0.5, IntStream.range(0, 24).mapToObj(Integer::toString).toList()),
    WEEKDAY(0.15, List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));

    /** The attributes that describe a user, in the order {@link Population} stores them. */
    static final List<Attribute> USER_ATTRIBUTES = List.of(AGE_BAND, GENDER, CITY_TIER, DEVICE, OS);

    private final double effectScale;
    private final List<String> levels;

    Attribute(double effectScale, List<String> levels) {
        this.effectScale = effectScale;
        this.levels = levels;
    }

    /**
     * How strongly the attribute moves conversion, relative to the others: the hour of day a little,
     * the day of the week barely, so that the single test day is not an outlier by its weekday alone.
     */
    double effectScale() {
        return effectScale;
    }

    /** The level names as written to the files. */
    List<String> levels() {
        return levels;
    }

    int levelCount() {
        return levels.size();
    }
}
