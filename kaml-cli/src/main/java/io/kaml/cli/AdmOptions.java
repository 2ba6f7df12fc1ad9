package io.kaml.cli;

import io.kaml.loss.LossConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** ADM's alpha and window: all that {@code audit} takes, and part of every training command's {@link LossOptions}. */
public final class AdmOptions {
    @Option(names = "--adm-alpha", paramLabel = "N[,N...]", split = ",",
            description = "ADM: reported conversions an advertiser needs in the window for its labels of an action to be "
                    + "trusted; one value, or one per action (default: ${DEFAULT-VALUE}).")
    List<Long> admAlpha = LossConfig.defaults().admAlpha();

    @Option(names = "--adm-window", paramLabel = "DAYS|all", defaultValue = "all",
            description = "ADM: the window T of days ending at the sample's day, or all training days (default: ${DEFAULT-VALUE}).")
    String admWindow;

    List<Long> alpha() {
        return admAlpha;
    }

    /** T in days, 0 for all. */
    int window() {
        try {
            return admWindow.equals("all") ? 0 : Integer.parseInt(admWindow);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--adm-window: expected a number of days or 'all', got '" + admWindow + "'");
        }
    }

    /** The default loss with this alpha and window. */
    LossConfig config() {
        LossConfig d = LossConfig.defaults();
        return new LossConfig(d.mask(), admAlpha, window(), d.ranking(), d.pairs(), d.gamma(), d.reliability());
    }
}
