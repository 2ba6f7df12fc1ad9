package io.kaml.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one block of an {@link EncodedCache}: the columns of {@code n} rows one after another,
 * fixed-width and little-endian, so a block of {@code n} rows takes exactly {@code n * rowBytes()} bytes
 * and block {@code b} of a split starts at {@code b * blockRows * rowBytes()}:
 * <pre>
 * categorical int32   [n, categoricalFields]
 * numerical   float32 [n, numericalFields]   raw, NaN = missing
 * labels      int8    [n, actions]
 * target      int32   [n]
 * advertiser  int32   [n]
 * day         int32   [n]
 * </pre>
 * Ids live in a file of their own, as int32 byte length (-1 for none) then UTF-8 bytes per row.
 */
record BlockLayout(int categoricalFields, int numericalFields, int actions) {

    static BlockLayout of(DatasetSpec spec) {
        return new BlockLayout(spec.columns().categorical().size(), spec.columns().numerical().size(), spec.actionCount());
    }

    /** Bytes one row takes in a block. */
    int rowBytes() {
        return 4 * categoricalFields + 4 * numericalFields + actions + 3 * 4;
    }

    /** {@code wanted}, or fewer when a block of that many rows would not fit one buffer (2 GB). */
    int blockRows(int wanted) {
        return Math.max(1, Math.min(wanted, Integer.MAX_VALUE / rowBytes()));
    }

    /** An empty buffer of this layout's byte order for a block of {@code rows} rows. */
    ByteBuffer buffer(int rows) {
        return ByteBuffer.allocate(rows * rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A batch of {@code rows} zeroed rows of this layout to decode blocks into. */
    Batch allocate(int rows, boolean withIds) {
        return new Batch(rows, categoricalFields, numericalFields, actions, new int[rows * categoricalFields],
                new float[rows * numericalFields], new byte[rows * actions], new int[rows], new int[rows], new int[rows],
                withIds ? new String[rows] : null);
    }

    /** Appends the rows of {@code block} (not its ids) to {@code out}, which must have room for them. */
    void encode(Batch block, ByteBuffer out) {
        int n = block.size();
        out.asIntBuffer().put(block.categorical(), 0, n * categoricalFields);
        out.position(out.position() + 4 * n * categoricalFields);
        out.asFloatBuffer().put(block.numerical(), 0, n * numericalFields);
        out.position(out.position() + 4 * n * numericalFields);
        out.put(block.labels(), 0, n * actions);
        for (int[] column : new int[][] {block.target(), block.advertiser(), block.day()}) {
            out.asIntBuffer().put(column, 0, n);
            out.position(out.position() + 4 * n);
        }
    }

    /** Reads {@code n} rows from {@code in} (as {@link #encode} wrote them) into rows {@code [first, first + n)} of {@code into}. */
    void decode(ByteBuffer in, int n, Batch into, int first) {
        in.asIntBuffer().get(into.categorical(), first * categoricalFields, n * categoricalFields);
        in.position(in.position() + 4 * n * categoricalFields);
        in.asFloatBuffer().get(into.numerical(), first * numericalFields, n * numericalFields);
        in.position(in.position() + 4 * n * numericalFields);
        in.get(into.labels(), first * actions, n * actions);
        for (int[] column : new int[][] {into.target(), into.advertiser(), into.day()}) {
            in.asIntBuffer().get(column, first, n);
            in.position(in.position() + 4 * n);
        }
    }

    /** The first {@code n} of {@code ids} as the id file holds them. */
    static ByteBuffer encodeIds(String[] ids, int n) {
        byte[][] utf8 = new byte[n][];
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            utf8[i] = ids[i] == null ? null : ids[i].getBytes(StandardCharsets.UTF_8);
            bytes = Math.addExact(bytes, 4 + (utf8[i] == null ? 0 : utf8[i].length));
        }
        ByteBuffer out = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] id : utf8) {
            out.putInt(id == null ? -1 : id.length);
            if (id != null) {
                out.put(id);
            }
        }
        return out.flip();
    }

    /** Reads {@code n} ids from {@code in} (as {@link #encodeIds} wrote them) into {@code into[first, first + n)}. */
    static void decodeIds(ByteBuffer in, int n, String[] into, int first) {
        for (int i = 0; i < n; i++) {
            int length = in.getInt();
            into[first + i] = length < 0 ? null : new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + Math.max(0, length));
        }
    }
}
