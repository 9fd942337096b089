package org.gleaner.builder.revocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.gleaner.builder.parquet.DatasetSchema;

/** Copying and reading rows of parquet-java's example {@code Group} model in whatever schema a file has. */
final class GroupRows {
    private GroupRows() {
    }

    /** A new row of the same type holding every field of {@code source} except those named in {@code skip}. */
    static Group copyExcept(Group source, Set<String> skip) {
        GroupType type = source.getType();
        Group out = new SimpleGroup(type);
        for (int f = 0; f < type.getFieldCount(); f++) {
            if (!skip.contains(type.getFieldName(f))) {
                copyField(source, out, f);
            }
        }
        return out;
    }

    private static void copyInto(Group source, Group out) {
        for (int f = 0; f < source.getType().getFieldCount(); f++) {
            copyField(source, out, f);
        }
    }

    private static void copyField(Group source, Group out, int f) {
        Type t = source.getType().getType(f);
        int n = source.getFieldRepetitionCount(f);
        for (int i = 0; i < n; i++) {
            if (!t.isPrimitive()) {
                copyInto(source.getGroup(f, i), out.addGroup(f));
                continue;
            }
            PrimitiveType.PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
            switch (p) {
                case BINARY, FIXED_LEN_BYTE_ARRAY -> out.add(f, source.getBinary(f, i));
                case INT32 -> out.add(f, source.getInteger(f, i));
                case INT64 -> out.add(f, source.getLong(f, i));
                case DOUBLE -> out.add(f, source.getDouble(f, i));
                case FLOAT -> out.add(f, source.getFloat(f, i));
                case BOOLEAN -> out.add(f, source.getBoolean(f, i));
                case INT96 -> out.add(f, source.getInt96(f, i));
                default -> throw new IllegalStateException("unknown Parquet type " + p);
            }
        }
    }

    /** The elements of a three-level string list column such as {@code consent_grant_ids}. */
    static List<String> stringList(Group row, String column) {
        List<String> out = new ArrayList<>();
        if (row.getFieldRepetitionCount(column) == 0) {
            return out;
        }
        Group list = row.getGroup(column, 0);
        for (int i = 0; i < list.getFieldRepetitionCount(DatasetSchema.LIST); i++) {
            out.add(list.getGroup(DatasetSchema.LIST, i).getString(DatasetSchema.ELEMENT, 0));
        }
        return out;
    }

    /** Appends a three-level string list column. */
    static void addStringList(Group row, String column, List<String> values) {
        Group list = row.addGroup(column);
        for (String v : values) {
            list.addGroup(DatasetSchema.LIST).append(DatasetSchema.ELEMENT, v);
        }
    }

    /** An optional string cell, null when absent. */
    static String optionalString(Group row, String column) {
        return row.getType().containsField(column) && row.getFieldRepetitionCount(column) > 0
                ? row.getString(column, 0) : null;
    }

    /** Every binary cell of the row, nested ones included, read as UTF-8. */
    static List<String> allStrings(Group row) {
        List<String> out = new ArrayList<>();
        collect(row, out);
        return out;
    }

    private static void collect(Group g, List<String> out) {
        GroupType type = g.getType();
        for (int f = 0; f < type.getFieldCount(); f++) {
            Type t = type.getType(f);
            for (int i = 0; i < g.getFieldRepetitionCount(f); i++) {
                if (!t.isPrimitive()) {
                    collect(g.getGroup(f, i), out);
                } else if (t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY) {
                    out.add(g.getBinary(f, i).toStringUsingUTF8());
                }
            }
        }
    }
}
