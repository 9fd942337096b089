package org.gleaner.coordinator.spotcheck;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes that asked for work recently, with what the draw of checkers and arbiters needs to keep them
 * independent: the network group of the address they last asked from, and when they were first granted work (a
 * node's "registration"). Addresses are reduced to their group and kept only in memory; the first grant comes
 * from the journal, so it survives a restart. The number of nodes tracked is capped; the least recently seen go first.
 */
public final class NodeRoster {
    /** Nodes first granted work within this time of each other count as one registration burst. */
    public static final long BURST_WINDOW_MILLIS = 15 * 60_000;
    /** Nodes that asked within this time count as around: a check waits for them rather than draw a burst mate. */
    public static final long RECENT_WINDOW_MILLIS = 60 * 60_000;
    private static final int MAX_NODES = 200_000;

    private final long activeWindowMillis;
    private long version;
    /** In order of the last request, oldest first (re-inserted on each request), so eviction drops the longest silent. */
    private final Map<String, Entry> nodes = new LinkedHashMap<>();

    /** {@code activeWindowMillis}: how recently a node must have asked for work to be drawn. */
    public NodeRoster(long activeWindowMillis) {
        this.activeWindowMillis = activeWindowMillis;
    }

    /** A node asked for work from {@code address} (null when unknown). */
    public void asked(String nodeId, String address, long nowMillis) {
        Entry entry = nodes.remove(nodeId);
        if (entry != null) {
            nodes.put(nodeId, entry);
        }
        entry = entry(nodeId);
        String group = address == null ? entry.group : NetworkGroup.of(address).orElse(null);
        if (entry.lastAskedMillis < nowMillis - activeWindowMillis || !java.util.Objects.equals(group, entry.group)) {
            version++;
        }
        entry.lastAskedMillis = nowMillis;
        entry.group = group;
    }

    /** Changes whenever a draw could come out differently: a node became active, moved network, or was first granted work. */
    public long version() {
        return version;
    }

    /** A lease was granted to the node at {@code atMillis}; the earliest grant is its registration. */
    public void granted(String nodeId, long atMillis) {
        Entry entry = entry(nodeId);
        if (atMillis < entry.firstGrantMillis) {
            entry.firstGrantMillis = atMillis;
            version++;
        }
    }

    /** Nodes that asked for work within the active window, in no meaningful order. */
    public List<String> active(long nowMillis) {
        return askedSince(nowMillis - activeWindowMillis);
    }

    /** Nodes that asked for work within {@link #RECENT_WINDOW_MILLIS}. */
    public List<String> recent(long nowMillis) {
        return askedSince(nowMillis - Math.max(activeWindowMillis, RECENT_WINDOW_MILLIS));
    }

    private List<String> askedSince(long sinceMillis) {
        List<String> out = new ArrayList<>();
        nodes.forEach((id, e) -> {
            if (e.lastAskedMillis >= sinceMillis) {
                out.add(id);
            }
        });
        return out;
    }

    /** Whether the two nodes last asked from one network group (never for nodes whose group is unknown). */
    public boolean shareNetwork(String a, String b) {
        Optional<String> groupA = Optional.ofNullable(nodes.get(a)).map(e -> e.group);
        return groupA.isPresent() && groupA.equals(Optional.ofNullable(nodes.get(b)).map(e -> e.group));
    }

    /** Whether the two nodes were first granted work within {@link #BURST_WINDOW_MILLIS} of each other. */
    public boolean sameBurst(String a, String b) {
        Entry ea = nodes.get(a);
        Entry eb = nodes.get(b);
        return ea != null && eb != null && ea.firstGrantMillis != Long.MAX_VALUE && eb.firstGrantMillis != Long.MAX_VALUE
                && Math.abs(ea.firstGrantMillis - eb.firstGrantMillis) < BURST_WINDOW_MILLIS;
    }

    private Entry entry(String nodeId) {
        Entry entry = nodes.computeIfAbsent(nodeId, id -> new Entry());
        if (nodes.size() > MAX_NODES) {
            Iterator<String> eldest = nodes.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return entry;
    }

    private static final class Entry {
        long lastAskedMillis = Long.MIN_VALUE;
        long firstGrantMillis = Long.MAX_VALUE;
        String group;
    }
}
