package io.kaml.data;

import java.util.SplittableRandom;

/**
 * One advertiser's behaviour in {@link KuaiRandProtocol}'s advertiser protocol: the action it targets
 * (always reported completely) and, for each other action, the share of its conversions it reports:
 * 1 (complete), a rate in {@code [partialLow, partialHigh]} (partial) or 0 (not reported). Drawn from
 * a hash of the advertiser's name and the seed, so independent of row order.
 *
 * @param rate [actions] reporting rate per action; 1 at the target
 */
record AdvertiserReporting(int target, double[] rate) {

    static AdvertiserReporting draw(String advertiser, int actions, KuaiRandProtocol.Config config) {
        SplittableRandom random = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L ^ KuaiRandProtocol.hash(advertiser, config.seed()));
        int target = random.nextInt(actions);
        double[] rate = new double[actions];
        for (int j = 0; j < actions; j++) {
            if (j == target) {
                rate[j] = 1;
            } else if (random.nextDouble() < config.reportShare()) {
                rate[j] = random.nextDouble() < config.fullShare() ? 1
                        : config.partialLow() + (config.partialHigh() - config.partialLow()) * random.nextDouble();
            }
        }
        return new AdvertiserReporting(target, rate);
    }

    /** The label written for a true label {@code y} of action {@code j}: a conversion survives with the reporting rate, else 0. */
    int report(int j, int y, SplittableRandom random) {
        if (y == 0 || rate[j] == 1) {
            return y;
        }
        return random.nextDouble() < rate[j] ? 1 : 0;
    }
}
