package io.kaml.sim;

import io.kaml.data.Split;
import de.siegmar.fastcsv.writer.CsvWriter;

import java.util.List;

/**
 * Turns clicks into CSV records. Every value that repeats (ids, attribute levels, prices, days) is
 * formatted once up front, so writing a row allocates little beyond its sample id.
 */
final class SampleRows {
    private static final String ONE = "1";
    private static final String ZERO = "0";

    private final World world;
    private final String[] userId;
    private final String[] userActivity;
    private final String[][] userLevel;
    private final String[] adId;
    private final String[] adCampaign;
    private final String[] adPrice;
    private final String[] adCreative;
    private final String[] advertiserId;
    private final String[] advertiserIndustry;
    private final String[] advertiserTarget;
    private final String[] dayText;

    SampleRows(World world) {
        this.world = world;
        Population users = world.users;
        Catalog catalog = world.catalog;
        userId = new String[users.size];
        userActivity = new String[users.size];
        List<Attribute> attributes = Attribute.USER_ATTRIBUTES;
        userLevel = new String[attributes.size()][users.size];
        for (int u = 0; u < users.size; u++) {
            userId[u] = Integer.toString(u);
            userActivity[u] = FixedPoint.format(users.activity[u], 3);
            for (int a = 0; a < attributes.size(); a++) {
                userLevel[a][u] = attributes.get(a).levels().get(users.levels[a][u]);
            }
        }
        adId = new String[catalog.ads()];
        adCampaign = new String[catalog.ads()];
        adPrice = new String[catalog.ads()];
        adCreative = new String[catalog.ads()];
        for (int ad = 0; ad < catalog.ads(); ad++) {
            adId[ad] = Integer.toString(ad);
            adCampaign[ad] = Integer.toString(catalog.adCampaign[ad]);
            adPrice[ad] = FixedPoint.format(catalog.adPrice[ad], 2);
            adCreative[ad] = Attribute.CREATIVE_TYPE.levels().get(catalog.adCreative[ad]);
        }
        advertiserId = new String[catalog.advertisers()];
        advertiserIndustry = new String[catalog.advertisers()];
        advertiserTarget = new String[catalog.advertisers()];
        for (int a = 0; a < catalog.advertisers(); a++) {
            advertiserId[a] = Integer.toString(a);
            advertiserIndustry[a] = catalog.industry[a].key();
            advertiserTarget[a] = catalog.target[a].key();
        }
        dayText = new String[world.config.days()];
        for (int d = 0; d < dayText.length; d++) {
            dayText[d] = Integer.toString(d);
        }
    }

    /** One sample row, in {@link SampleColumns#sampleHeader()} order. */
    void writeSample(CsvWriter csv, String id, int day, Click click, boolean[] labels) {
        CsvWriter.CsvWriterRecord row = csv.writeRecord()
                .writeField(id)
                .writeField(dayText[day])
                .writeField(advertiserId[click.advertiser])
                .writeField(advertiserTarget[click.advertiser]);
        for (boolean label : labels) {
            row.writeField(label ? ONE : ZERO);
        }
        row.writeField(adPrice[click.ad]).writeField(userActivity[click.user]).writeField(userId[click.user]);
        for (String[] level : userLevel) {
            row.writeField(level[click.user]);
        }
        row.writeField(adId[click.ad])
                .writeField(adCampaign[click.ad])
                .writeField(advertiserId[click.advertiser])
                .writeField(advertiserIndustry[click.advertiser])
                .writeField(adCreative[click.ad])
                .writeField(Attribute.PLACEMENT.levels().get(click.placement))
                .writeField(Attribute.HOUR.levels().get(click.hour))
                .writeField(Attribute.WEEKDAY.levels().get(click.weekday))
                .endRecord();
    }

    /** One truth row, in {@link SampleColumns#truthHeader()} order. */
    static void writeTruth(CsvWriter csv, String id, Split split, double[] probability, boolean[] labels) {
        CsvWriter.CsvWriterRecord row = csv.writeRecord().writeField(id).writeField(split.key());
        for (double p : probability) {
            row.writeField(FixedPoint.format(p, 8));
        }
        for (boolean label : labels) {
            row.writeField(label ? ONE : ZERO);
        }
        row.endRecord();
    }
}
