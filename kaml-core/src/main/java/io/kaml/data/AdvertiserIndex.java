package io.kaml.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense indices for advertiser ids, in order of first appearance. Used to group samples (GAUC,
 * reporting counts), never as a model feature: a model sees advertisers only through hashed columns.
 */
public final class AdvertiserIndex {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** An index holding {@code names} at 0, 1, … (an index made elsewhere, e.g. merged from Spark partitions). */
    public static AdvertiserIndex of(List<String> names) {
        AdvertiserIndex index = new AdvertiserIndex();
        names.forEach(index::indexOf);
        if (index.size() != names.size()) {
            throw new IllegalArgumentException("advertiser names repeat");
        }
        return index;
    }

    /** Every advertiser, in index order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** The index of {@code advertiser}, assigning the next one when it is new. */
    public int indexOf(String advertiser) {
        Integer known = index.get(advertiser);
        if (known != null) {
            return known;
        }
        int next = names.size();
        index.put(advertiser, next);
        names.add(advertiser);
        return next;
    }

    /** The index of {@code advertiser}, or -1 when it was never seen. */
    public int find(String advertiser) {
        return index.getOrDefault(advertiser, -1);
    }

    public String name(int i) {
        return names.get(i);
    }

    public int size() {
        return names.size();
    }
}
