package org.gleaner.builder.signals;

/** Which site signal refused AI use of a page. */
public enum AiUseRefusal {
    /** {@code X-Robots-Tag} has the {@code noai} directive (for any agent or ours). */
    X_ROBOTS_NOAI,
    /** {@code Content-Usage} (IETF AI-preferences) says {@code n} for the purpose or a broader category. */
    CONTENT_USAGE,
    /** TDMRep {@code tdm-reservation: 1}: text and data mining rights are reserved. */
    TDM_RESERVATION,
    /** robots.txt disallows the whole site to us or to a well-known AI agent. */
    ROBOTS_AI_AGENT
}
