package org.gleaner.devnet.subjects;

import org.gleaner.devnet.StoryLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gleaner.devnet.ledger.DevnetMailServer;
import org.gleaner.devnet.site.DemoSite;

/**
 * Plays the demo's data subjects through the real {@code gleaner consent} commands against the devnet's
 * ledger: each creates and registers a key, proves an e-mail address with the code the ledger mails to the
 * devnet's mail server, and licenses {@code train-ai} or not, as their {@link SubjectPlan} says.
 */
public final class ScriptedSubjects {
    private static final Duration MAIL_WAIT = Duration.ofSeconds(15);

    private final String ledgerUrl;
    private final Path keysDir;
    private final DevnetMailServer mail;
    private final DemoSite site;
    private final StoryLog progress;

    public ScriptedSubjects(String ledgerUrl, Path keysDir, DevnetMailServer mail, DemoSite site, StoryLog progress) {
        this.site = site;
        this.ledgerUrl = ledgerUrl;
        this.keysDir = keysDir;
        this.mail = mail;
        this.progress = progress;
    }

    /** A subject after the script: their key file, and their grant id if they licensed. */
    public record Subject(SubjectPlan plan, Path keyFile, Optional<String> grantId, long lastEntryIndex) {
    }

    public List<Subject> enact(List<SubjectPlan> plans) throws InterruptedException {
        List<Subject> subjects = new ArrayList<>();
        for (SubjectPlan plan : plans) {
            if (!plan.registers()) {
                progress.say("subject " + plan.person().slug() + ": no key, no licence");
                continue;
            }
            subjects.add(enact(plan));
        }
        return subjects;
    }

    private Subject enact(SubjectPlan plan) throws InterruptedException {
        String key = keysDir.resolve(plan.person().slug() + ".key").toString();
        ConsentCli.run("keygen", "--key", key, "--ledger", ledgerUrl);
        String email = plan.person().email();
        String challenge = ConsentCli.run("bind", "--key", key, "--ledger", ledgerUrl, "--email", email).field("challenge");
        String code = mail.awaitCode(email, MAIL_WAIT);
        long index = ConsentCli.run("bind", "--key", key, "--ledger", ledgerUrl, "--complete", challenge, "--code", code)
                .entryIndex("bound");
        if (plan.domain() != null) {
            index = bindDomain(key, plan.domain());
        }
        Optional<String> grantId = Optional.empty();
        if (plan.grants()) {
            ConsentCli.Output granted = ConsentCli.run("grant", "--key", key, "--ledger", ledgerUrl, "--purpose", "train-ai",
                    "--licence", "CC-BY-4.0");
            grantId = Optional.of(granted.field("grant"));
            index = granted.entryIndex("entry");
        }
        progress.say("subject " + plan.person().slug() + ": key registered, e-mail bound by mailed code"
                + (plan.domain() == null ? "" : ", " + plan.domain() + " bound by a token on the site")
                + (grantId.map(g -> ", granted train-ai (grant " + g.substring(0, 12) + "…)").orElse(", no licence")));
        return new Subject(plan, Path.of(key), grantId, index);
    }

    /** Proves a domain: publishes the ledger's token under /.well-known/ on the demo site, then completes. */
    private long bindDomain(String key, String domain) {
        ConsentCli.Output started = ConsentCli.run("bind", "--key", key, "--ledger", ledgerUrl, "--domain", domain);
        site.publishToken(started.field("serve"), started.field("content"));
        return ConsentCli.run("bind", "--key", key, "--ledger", ledgerUrl, "--complete", started.field("challenge"))
                .entryIndex("bound");
    }

    /** Revokes the subject's grant with {@code gleaner consent revoke}; returns the revocation's entry index. */
    public long revoke(Subject subject) {
        String grant = subject.grantId().orElseThrow(() -> new IllegalArgumentException("this subject has no grant"));
        ConsentCli.Output revoked = ConsentCli.run("revoke", "--key", subject.keyFile().toString(), "--ledger", ledgerUrl,
                "--grant", grant);
        progress.say("subject " + subject.plan().person().slug() + " revoked grant " + grant.substring(0, 12) + "…");
        return revoked.entryIndex("entry");
    }
}
