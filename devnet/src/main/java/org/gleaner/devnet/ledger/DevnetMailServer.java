package org.gleaner.devnet.ledger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The devnet's local mail server (GreenMail, SMTP on 127.0.0.1): the ledger mails one-time binding codes here,
 * and the scripted subjects read their own mail from it. Nothing leaves the machine.
 */
public final class DevnetMailServer implements AutoCloseable {
    private static final Pattern CODE = Pattern.compile("code to bind .* is: (\\d{8})");

    private final GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    public DevnetMailServer() {
        mail.start();
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    /** The newest binding code mailed to {@code address}, waiting up to {@code timeout} for it. */
    public String awaitCode(String address, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<String> code = newestCodeFor(address);
            if (code.isPresent()) {
                return code.get();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no binding code arrived for a subject within " + timeout.toSeconds() + " s");
    }

    private Optional<String> newestCodeFor(String address) {
        MimeMessage[] messages = mail.getReceivedMessages();
        for (int i = messages.length - 1; i >= 0; i--) {
            try {
                for (Address to : messages[i].getAllRecipients()) {
                    if (to.toString().equalsIgnoreCase(address)) {
                        Matcher m = CODE.matcher(messages[i].getContent().toString());
                        if (m.find()) {
                            return Optional.of(m.group(1));
                        }
                    }
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("unreadable message in the devnet mailbox: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        mail.stop();
    }
}
