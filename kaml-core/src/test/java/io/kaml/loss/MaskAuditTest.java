package io.kaml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kaml.data.AdvertiserIndex;
import io.kaml.data.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskAuditTest {
    @Test
    void countsWhatTheMaskAddsOverTheTargetOnlyMask() {
        // advertiser x (target a) reports b three times; advertiser y (target b) never reports a.
        // rows: (adv, target, y_a, y_b)
        int[][] rows = {{0, 0, 1, 1}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 1, 0}, {1, 1, 0, 1}, {1, 1, 0, 0}};
        int n = rows.length;
        byte[] labels = new byte[n * 2];
        int[] adv = new int[n];
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            adv[i] = rows[i][0];
            target[i] = rows[i][1];
            labels[2 * i] = (byte) rows[i][2];
            labels[2 * i + 1] = (byte) rows[i][3];
        }
        Batch train = new Batch(n, 0, 0, 2, new int[0], new float[0], labels, target, adv, new int[n], null);
        AdvertiserIndex index = new AdvertiserIndex();
        index.indexOf("x");
        index.indexOf("y");
        LabelMask adm = LabelMask.adm(AttributionCounts.of(train, 2), new long[] {2, 2}, AttributionCounts.ALL_DAYS);
        MaskAudit audit = MaskAudit.of(train, index, List.of("a", "b"), adm);
        // action a: 4 target samples (2 positive); y's zeros for a are untrusted (y reported 0 of a): nothing added
        assertThat(audit.perAction().get(0)).isEqualTo(new MaskAudit.ActionRow("a", 4, 2, 0, 0, 0));
        // action b: 2 target samples (1 positive); x reported b 3 times >= 2: its 4 rows are added, 3 positive
        assertThat(audit.perAction().get(1)).isEqualTo(new MaskAudit.ActionRow("b", 2, 1, 4, 3, 1));
        assertThat(audit.perAction().get(1).gain()).isCloseTo(3.0, within(1e-12));
        MaskAudit.AdvertiserRow x = audit.perAdvertiser().get(0);
        assertThat(x.advertiser()).isEqualTo("x");
        assertThat(x.conversions()).containsExactly(2, 3);
        assertThat(x.trusted()[1]).isEqualTo(1.0);
        assertThat(x.trusted()[0]).isNaN();
        assertThat(audit.perAdvertiser().get(1).trusted()[0]).isZero();
        assertThat(audit.toTable(5)).contains("adm(alpha=[2, 2], window=all)").contains("3.0x").contains("*2");
        // y's labels of a: y reported no a, so no alpha would help; x's labels of b: ADM takes them all.
        assertThat(audit.advice()).isEqualTo(String.join(System.lineSeparator(),
                "a: ADM adds nothing: 2 samples that target other actions carry a label of a, but no advertiser reported the 2 a"
                        + " conversions in the window that alpha asks; none reported any, so no alpha would trust them.",
                "b: ADM trusts every one of the 4 labels on samples that target other actions (the fewest conversions any of their"
                        + " advertisers reported is 3, alpha 2): for b it is the all mask."));
        assertThat(audit.toTable(5)).contains(audit.advice());
    }

    @Test
    void whenTheAlphaAskedIsTooHighTheAdviceNamesTheAlphasThatWouldTrustSomeLabelsAndHowMany() {
        // Target a throughout; b labelled on every row. x: 2 rows, both b conversions (c = 2);
        // z: 4 rows, one b conversion (c = 1); w: 2 rows with b unknown (not counted).
        int[][] rows = {{0, 1}, {0, 1}, {1, 1}, {1, 0}, {1, 0}, {1, 0}, {2, -1}, {2, -1}};
        int n = rows.length;
        byte[] labels = new byte[n * 2];
        int[] adv = new int[n];
        for (int i = 0; i < n; i++) {
            adv[i] = rows[i][0];
            labels[2 * i] = 1;
            labels[2 * i + 1] = rows[i][1] < 0 ? Batch.UNKNOWN : (byte) rows[i][1];
        }
        Batch train = new Batch(n, 0, 0, 2, new int[0], new float[0], labels, new int[n], adv, new int[n], null);
        AdvertiserIndex index = new AdvertiserIndex();
        List.of("x", "z", "w").forEach(index::indexOf);
        MaskAudit audit = MaskAudit.of(train, index, List.of("a", "b"),
                LabelMask.adm(AttributionCounts.of(train, 3), new long[] {10, 5}, AttributionCounts.ALL_DAYS));
        // By hand: 6 labelled; c >= 2 holds x's 2 rows (2 conversions); c >= 1 all 6 (3 conversions), the first to reach half.
        assertThat(audit.advice()).isEqualTo("a: ADM adds nothing, and no alpha would: no sample that targets another action carries"
                + " a label of a (they are all unknown), so there is nothing to trust." + System.lineSeparator()
                + "b: ADM adds nothing: 6 samples that target other actions carry a label of b, but no advertiser reported the 5 b"
                + " conversions in the window that alpha asks; alpha 2 (the most any did) would trust 2 of the 6 (2 conversions),"
                + " alpha 1 would trust 6 of the 6 (3 conversions)." + System.lineSeparator()
                + "(--adm-alpha takes one value for every action or one per action, in the dataset's order of actions.)");
    }
}
