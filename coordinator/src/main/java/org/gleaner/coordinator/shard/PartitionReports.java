package org.gleaner.coordinator.shard;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The JSON form of partition reports exchanged between peer instances. */
final class PartitionReports {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PARTITIONS = 10_000;

    private PartitionReports() {
    }

    static byte[] encode(List<PartitionReport> reports) {
        return JSON.writeValueAsBytes(reports);
    }

    /** {@link IllegalArgumentException} for anything that is not a list of valid reports. */
    static List<PartitionReport> decode(byte[] json) {
        try {
            List<PartitionReport> reports = JSON.readValue(json, new TypeReference<List<PartitionReport>>() { });
            if (reports == null || reports.size() > MAX_PARTITIONS || reports.contains(null)) {
                throw new IllegalArgumentException("not a list of at most " + MAX_PARTITIONS + " partition reports");
            }
            return reports;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("malformed partition reports: " + e.getOriginalMessage(), e);
        }
    }
}
