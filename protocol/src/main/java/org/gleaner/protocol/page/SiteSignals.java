package org.gleaner.protocol.page;

import org.gleaner.protocol.codec.CanonicalReader;
import org.gleaner.protocol.codec.CanonicalWriter;
import org.gleaner.protocol.codec.FieldSizes;
import org.gleaner.protocol.codec.Limits;
import org.gleaner.protocol.codec.MalformedRecordException;

/**
 * The site's AI-use signals as seen at fetch time, raw so the builder can apply its own policy: robots.txt
 * rules that name AI agents, {@code X-Robots-Tag}, the IETF AI-preferences {@code Content-Usage} header and
 * TDMRep's {@code tdm-reservation} / {@code tdm-policy}. An empty string means the signal was absent.
 */
public record SiteSignals(
        String robotsAiRules,
        String xRobotsTag,
        String contentUsage,
        String tdmReservation,
        String tdmPolicy) {

    public static final SiteSignals NONE = new SiteSignals("", "", "", "", "");

    public SiteSignals {
        Limits.text("robotsAiRules", robotsAiRules, FieldSizes.SIGNAL);
        Limits.text("xRobotsTag", xRobotsTag, FieldSizes.SIGNAL);
        Limits.text("contentUsage", contentUsage, FieldSizes.SIGNAL);
        Limits.text("tdmReservation", tdmReservation, FieldSizes.SIGNAL);
        Limits.text("tdmPolicy", tdmPolicy, FieldSizes.SIGNAL);
    }

    void write(CanonicalWriter w) {
        w.string(robotsAiRules).string(xRobotsTag).string(contentUsage).string(tdmReservation).string(tdmPolicy);
    }

    static SiteSignals read(CanonicalReader r) throws MalformedRecordException {
        return new SiteSignals(
                r.string("signals.robotsAiRules", FieldSizes.SIGNAL),
                r.string("signals.xRobotsTag", FieldSizes.SIGNAL),
                r.string("signals.contentUsage", FieldSizes.SIGNAL),
                r.string("signals.tdmReservation", FieldSizes.SIGNAL),
                r.string("signals.tdmPolicy", FieldSizes.SIGNAL));
    }
}
