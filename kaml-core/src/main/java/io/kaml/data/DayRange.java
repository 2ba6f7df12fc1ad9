package io.kaml.data;

/** The days {@code first..last} (inclusive day numbers, see {@link DayFormat}) that make up one split. */
public record DayRange(int first, int last) {

    public DayRange {
        if (first > last) {
            throw new IllegalArgumentException("a day range must not end (" + last + ") before it starts (" + first + ")");
        }
    }

    public boolean contains(int day) {
        return day >= first && day <= last;
    }

    public boolean overlaps(DayRange other) {
        return first <= other.last && other.first <= last;
    }

    /** The range written in the dataset's day format, e.g. {@code 20220507..20220508}. */
    public String describe(DayFormat format) {
        return first == last ? format.format(first) : format.format(first) + ".." + format.format(last);
    }
}
