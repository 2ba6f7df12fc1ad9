package io.kaml.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes one Parquet column's values as cell text into its slot of the current row (see {@link RowSource}
 * for what a cell is). Dictionary-encoded values, which is how categorical ids and small label columns
 * are usually stored, are converted once per distinct value and row group and then shared, so most
 * cells cost no allocation.
 */
abstract class ParquetCellConverter extends PrimitiveConverter {
    private final String[] row;
    private final int slot;
    private final PrimitiveTypeName primitive;
    private Dictionary dictionary;
    private String[] dictionaryText;

    private ParquetCellConverter(String[] row, int slot, PrimitiveTypeName primitive) {
        this.row = row;
        this.slot = slot;
        this.primitive = primitive;
    }

    /**
     * The converter for a column of {@code type} writing into {@code row[slot]}, or null when kaml cannot
     * read the type as text (INT96, intervals, BSON, FLOAT16, variants, geometry).
     */
    static ParquetCellConverter forType(PrimitiveType type, String[] row, int slot) {
        PrimitiveTypeName primitive = type.getPrimitiveTypeName();
        return switch (type.getLogicalTypeAnnotation()) {
            case null -> switch (primitive) {
                case INT32, INT64 -> new Integral(row, slot, primitive, true);
                case BOOLEAN -> new Bool(row, slot, primitive);
                case FLOAT, DOUBLE -> new Real(row, slot, primitive);
                case BINARY, FIXED_LEN_BYTE_ARRAY -> new Text(row, slot, primitive);
                case INT96 -> null;
            };
            case StringLogicalTypeAnnotation _, EnumLogicalTypeAnnotation _, JsonLogicalTypeAnnotation _ ->
                    new Text(row, slot, primitive);
            case IntLogicalTypeAnnotation i -> new Integral(row, slot, primitive, i.isSigned());
            // Timestamps and times stay the raw count of their unit since the epoch or midnight.
            case TimestampLogicalTypeAnnotation _, TimeLogicalTypeAnnotation _ -> new Integral(row, slot, primitive, true);
            case DateLogicalTypeAnnotation _ -> new Date(row, slot, primitive);
            case DecimalLogicalTypeAnnotation d -> new Decimal(row, slot, primitive, d.getScale());
            case UUIDLogicalTypeAnnotation _ -> new Uuid(row, slot, primitive);
            default -> null;
        };
    }

    /**
     * Stands in a row's cell for a floating-point value whose text is not made yet: numerical features read
     * the value itself ({@link ParquetRowSource#number}) and never need it; {@link ParquetRowSource#cell}
     * makes it on demand. Compared by identity.
     */
    static final String PENDING = new String("(pending)");

    final void set(String text) {
        row[slot] = text;
    }

    /** Index of this converter's column in the row. */
    final int slot() {
        return slot;
    }

    /** The text of a {@link #PENDING} cell; only converters that leave cells pending have one. */
    String pendingText() {
        throw new IllegalStateException("no pending value in column slot " + slot);
    }

    /** A null, or an optional value that is absent. */
    final void setNull() {
        row[slot] = "";
    }

    @Override
    public final boolean hasDictionarySupport() {
        return true;
    }

    /** Called by the column reader once per column chunk that has a dictionary page. */
    @Override
    public final void setDictionary(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.dictionaryText = new String[dictionary.getMaxId() + 1];
    }

    @Override
    public final void addValueFromDictionary(int id) {
        String text = dictionaryText[id];
        if (text == null) {
            addDecoded(id);
            // A dictionary has few values: their text is made once, and later rows share it.
            if (row[slot] == PENDING) {
                row[slot] = pendingText();
            }
            dictionaryText[id] = row[slot];
        } else {
            row[slot] = text;
        }
    }

    /** Converts dictionary entry {@code id} the way a plain value of the column is converted. */
    private void addDecoded(int id) {
        switch (primitive) {
            case INT32 -> addInt(dictionary.decodeToInt(id));
            case INT64 -> addLong(dictionary.decodeToLong(id));
            case FLOAT -> addFloat(dictionary.decodeToFloat(id));
            case DOUBLE -> addDouble(dictionary.decodeToDouble(id));
            case BOOLEAN -> addBoolean(dictionary.decodeToBoolean(id));
            case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> addBinary(dictionary.decodeToBinary(id));
        }
    }

    private static final class Integral extends ParquetCellConverter {
        private final boolean signed;

        Integral(String[] row, int slot, PrimitiveTypeName primitive, boolean signed) {
            super(row, slot, primitive);
            this.signed = signed;
        }

        @Override
        public void addInt(int value) {
            set(signed ? Integer.toString(value) : Integer.toUnsignedString(value));
        }

        @Override
        public void addLong(long value) {
            set(signed ? Long.toString(value) : Long.toUnsignedString(value));
        }
    }

    private static final class Bool extends ParquetCellConverter {
        Bool(String[] row, int slot, PrimitiveTypeName primitive) {
            super(row, slot, primitive);
        }

        @Override
        public void addBoolean(boolean value) {
            set(value ? "1" : "0");
        }
    }

    /**
     * FLOAT and DOUBLE: the value is kept and its cell left {@link #PENDING}, since turning it into text only
     * for a numerical feature to parse it back cost about a sixth of encoding a log with a few real columns.
     */
    static final class Real extends ParquetCellConverter {
        private double value;
        private boolean single;

        Real(String[] row, int slot, PrimitiveTypeName primitive) {
            super(row, slot, primitive);
        }

        /** The current row's value, valid while its cell is {@link #PENDING}; a FLOAT as its shortest decimal. */
        double value() {
            return single ? RowSource.widen((float) value) : value;
        }

        /** Through the float's own shortest text, so {@code 0.1f} reads {@code 0.1}, not {@code 0.10000000149011612}. */
        @Override
        String pendingText() {
            return Double.toString(value());
        }

        // A stored NaN is a missing value, as pandas writes one in a float column.
        @Override
        public void addFloat(float value) {
            this.value = value;
            this.single = true;
            if (Float.isNaN(value)) {
                setNull();
            } else {
                set(PENDING);
            }
        }

        @Override
        public void addDouble(double value) {
            this.value = value;
            this.single = false;
            if (Double.isNaN(value)) {
                setNull();
            } else {
                set(PENDING);
            }
        }
    }

    private static final class Text extends ParquetCellConverter {
        Text(String[] row, int slot, PrimitiveTypeName primitive) {
            super(row, slot, primitive);
        }

        @Override
        public void addBinary(Binary value) {
            set(value.toStringUsingUTF8());
        }
    }

    /** Days since 1970-01-01 as ISO {@code yyyy-MM-dd}. */
    private static final class Date extends ParquetCellConverter {
        Date(String[] row, int slot, PrimitiveTypeName primitive) {
            super(row, slot, primitive);
        }

        @Override
        public void addInt(int days) {
            set(LocalDate.ofEpochDay(days).toString());
        }
    }

    /** The unscaled integer with its scale, as plain decimal text ({@code 12.50}, never {@code 1.25E+1}). */
    private static final class Decimal extends ParquetCellConverter {
        private final int scale;

        Decimal(String[] row, int slot, PrimitiveTypeName primitive, int scale) {
            super(row, slot, primitive);
            this.scale = scale;
        }

        @Override
        public void addInt(int unscaled) {
            set(BigDecimal.valueOf(unscaled, scale).toPlainString());
        }

        @Override
        public void addLong(long unscaled) {
            set(BigDecimal.valueOf(unscaled, scale).toPlainString());
        }

        @Override
        public void addBinary(Binary unscaled) {
            set(new BigDecimal(new BigInteger(unscaled.getBytes()), scale).toPlainString());
        }
    }

    private static final class Uuid extends ParquetCellConverter {
        Uuid(String[] row, int slot, PrimitiveTypeName primitive) {
            super(row, slot, primitive);
        }

        @Override
        public void addBinary(Binary value) {
            ByteBuffer bytes = value.toByteBuffer();
            set(new UUID(bytes.getLong(bytes.position()), bytes.getLong(bytes.position() + 8)).toString());
        }
    }
}
