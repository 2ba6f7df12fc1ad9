package io.kaml.cli;

import io.kaml.loss.LabelMask;
import io.kaml.loss.LossConfig;
import io.kaml.loss.PairwiseRankingLoss;
import io.kaml.loss.ReportCompleteness;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The ADM, reliable-mask and RLU knobs, which a preset switches on or off (the preset itself: {@link SingleRunOptions}). */
public final class LossOptions {
    @Mixin
    AdmOptions adm = new AdmOptions();

    @Option(names = "--gamma", paramLabel = "X", description = "RLU: BCE share of the loss, L = gamma*BCE + (1-gamma)*rank (default: ${DEFAULT-VALUE}).")
    double gamma = LossConfig.defaults().gamma();

    @Option(names = "--pairs", paramLabel = "KINDS", split = ",", defaultValue = "A>B,A>C",
            description = "RLU: pair kinds among A>B, A>C, C>B (A: reported conversion, B: trusted negative, C: unlabeled) (default: ${DEFAULT-VALUE}).")
    List<String> pairs;

    @Option(names = "--pairs-per-positive", paramLabel = "N", description = "RLU: partners drawn per higher-ranked sample (default: ${DEFAULT-VALUE}).")
    int pairsPerPositive = PairwiseRankingLoss.Config.defaults().pairsPerPositive();

    @Option(names = "--pair-partners", paramLabel = "batch|advertiser", defaultValue = "batch",
            description = "RLU: draw a sample's partners from the whole batch, or only among its own advertiser's samples in the "
                    + "batch, which share its reporting rate (default: ${DEFAULT-VALUE}).")
    String pairPartners;

    @Option(names = "--reliable-threshold", paramLabel = "C",
            description = "Reliable mask: the report completeness an advertiser must credibly reach for its labels of a "
                    + "non-target action to be trusted (default: ${DEFAULT-VALUE}).")
    double reliableThreshold = ReportCompleteness.Rule.defaults().threshold();

    @Option(names = "--reliable-credibility", paramLabel = "Q",
            description = "Reliable mask: the posterior probability with which it must reach it (default: ${DEFAULT-VALUE}).")
    double reliableCredibility = ReportCompleteness.Rule.defaults().credibility();

    /** The ADM and RLU knobs, for a preset to switch on or off (the mask and ranking switches are left at base's). */
    public LossConfig tuned() {
        for (String kind : pairs) {
            if (!List.of("A>B", "A>C", "C>B").contains(kind)) {
                throw new IllegalArgumentException("--pairs: unknown pair kind '" + kind + "' (expected A>B, A>C or C>B)");
            }
        }
        if (!pairPartners.equals("batch") && !pairPartners.equals("advertiser")) {
            throw new IllegalArgumentException("--pair-partners: expected batch or advertiser, got '" + pairPartners + "'");
        }
        return new LossConfig(LabelMask.Kind.TARGET, adm.alpha(), adm.window(), false,
                new PairwiseRankingLoss.Config(pairs.contains("A>B"), pairs.contains("A>C"), pairs.contains("C>B"), pairsPerPositive,
                        false, pairPartners.equals("advertiser")), gamma, reliability());
    }

    private ReportCompleteness.Rule reliability() {
        try {
            return new ReportCompleteness.Rule(reliableThreshold, reliableCredibility);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("loss key 'reliable_threshold'", "--reliable-threshold")
                    .replace("loss key 'reliable_credibility'", "--reliable-credibility"));
        }
    }
}
