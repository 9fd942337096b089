package org.gleaner.node.status;

import java.time.Instant;
import java.util.Map;
import org.gleaner.node.HostLog;

/** The status as a small self-contained HTML page; every value from the web (host names) is escaped. */
final class StatusPage {
    private StatusPage() {
    }

    static String html(NodeStatus s) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">")
                .append("<title>Gleaner node</title><style>body{font:14px sans-serif;margin:2em}td{padding:2px 10px}</style>")
                .append("</head><body><h1>Gleaner node ").append(esc(s.nodeId().substring(0, 16))).append("…</h1><table>");
        row(b, "state", s.running() ? "running" : "stopped");
        row(b, "coordinator", s.coordinator());
        row(b, "share (cap)", s.shareBytesPerSecond() == 0 ? "uncapped" : Units.rate(s.shareBytesPerSecond()));
        row(b, "measured, last 10 s", Units.rate(s.measuredBytesPerSecond()));
        row(b, "bytes received / sent", Units.bytes(s.bytesReceived()) + " / " + Units.bytes(s.bytesSent()));
        row(b, "pages", Long.toString(s.pages()) + " (" + Units.bytes(s.bodyBytes()) + " of bodies)");
        row(b, "leases", Long.toString(s.leases()));
        row(b, "credits", s.credits());
        row(b, "egress allow rules", s.egressAllowRules().isEmpty() ? "none (public internet only)" : String.join(", ", s.egressAllowRules()));
        b.append("</table><h2>Errors by kind</h2><table>");
        for (Map.Entry<String, Long> e : s.errors().entrySet()) {
            row(b, e.getKey(), e.getValue().toString());
        }
        b.append("</table><h2>Recent hosts fetched through this address</h2><table><tr><th>time (UTC)</th><th>host</th><th>outcome</th><th>bytes</th></tr>");
        for (HostLog.Entry e : s.recentHosts()) {
            b.append("<tr><td>").append(Instant.ofEpochMilli(e.atMillis())).append("</td><td>").append(esc(e.host()))
                    .append("</td><td>").append(esc(e.outcome())).append("</td><td>").append(e.bytes()).append("</td></tr>");
        }
        return b.append("</table></body></html>").toString();
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(value)).append("</td></tr>");
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
