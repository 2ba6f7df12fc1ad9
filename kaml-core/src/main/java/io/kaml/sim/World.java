package io.kaml.sim;

import io.kaml.sim.RandomStreams.Purpose;

/**
 * Everything that stays fixed over the simulated days: users, advertisers and ads, the ground-truth
 * funnel, the reporting policy with its postbacks, and the click model. Each part draws from its own
 * seeded stream, so a knob that changes one part (say {@code reliableReporting}) leaves the others as
 * they were.
 */
final class World {
    final SimulatorConfig config;
    final Population users;
    final Catalog catalog;
    final ClickModel clicks;
    final ConversionFunnel funnel;
    final ReportingPolicy reporting;
    final Postbacks postbacks;

    private World(SimulatorConfig config, Population users, Catalog catalog, ClickModel clicks,
                  ConversionFunnel funnel, ReportingPolicy reporting, Postbacks postbacks) {
        this.config = config;
        this.users = users;
        this.catalog = catalog;
        this.clicks = clicks;
        this.funnel = funnel;
        this.reporting = reporting;
        this.postbacks = postbacks;
    }

    static World create(SimulatorConfig config) {
        RandomStreams streams = new RandomStreams(config.seed());
        Population users = Population.draw(config.users(), streams.of(Purpose.POPULATION));
        Catalog catalog = Catalog.draw(config.advertisers(), config.ads(), streams.of(Purpose.CATALOG));
        ClickModel clicks = new ClickModel(users, catalog, config.noShift(), config.targetedDelivery());
        TargetDefinitions definitions = TargetDefinitions.draw(users, config.definitionShift(),
                streams.of(Purpose.DEFINITIONS));
        ConversionFunnel funnel = new ConversionFunnel(users, catalog, definitions, streams.of(Purpose.FUNNEL));
        funnel.calibrate(clicks, !config.noSkew(), streams.of(Purpose.CALIBRATION), streams.of(Purpose.INTENTS));
        ReportingPolicy reporting = ReportingPolicy.draw(catalog, config.reliableReporting(),
                streams.of(Purpose.REPORTING));
        return new World(config, users, catalog, clicks, funnel, reporting, new Postbacks(config));
    }
}
