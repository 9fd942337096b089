package org.gleaner.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.ledger.state.GrantStatus;
import org.gleaner.protocol.codec.Bytes;
import org.gleaner.protocol.crypto.Ed25519KeyPair;
import org.gleaner.testing.browser.HeadlessChromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The subjects' page in headless Chromium against a real ledger service and a real SMTP server: a key is
 * made in the browser, registered, an email address bound with the mailed code, a train-ai grant made and
 * shown active with an inclusion proof the page checked itself, then revoked.
 */
class SubjectsPageBrowserIT {
    @TempDir
    Path dir;
    private GreenMail mail;
    private ConfigurableApplicationContext context;
    private LedgerService ledger;
    private String url;
    private HeadlessChromium browser;

    @BeforeEach
    void start() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        context = LedgerServiceApplication.start(
                "--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dir.resolve("ledger"),
                "--gleaner.ledger.origin=subjects.test/ledger",
                "--gleaner.ledger.checkpoint-period=1s",
                "--gleaner.ledger.smtp-host=127.0.0.1",
                "--gleaner.ledger.smtp-port=" + mail.getSmtp().getPort());
        ledger = context.getBean(LedgerService.class);
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/subjects/";
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (context != null) {
            context.close();
        }
        mail.stop();
    }

    @Test
    void aSubjectCreatesAKeyBindsAnEmailGrantsAndRevokesInTheBrowser() throws Exception {
        openPage();
        click(By.id("create-key"));
        String publicHex = keyShownByThePage();
        shot("subjects-01-key-created", "key-section");

        click(By.id("register"));
        patientlyWaitForText(By.id("registration-status"), "Registered.");
        assertThat(ledger.log().state().subjectOfKey(Bytes.fromHex(publicHex))).isEqualTo(Bytes.fromHex(publicHex));
        shot("subjects-02-registered", "register-section");

        new Select(browser.driver().findElement(By.id("bind-kind"))).selectByValue("email");
        browser.driver().findElement(By.id("bind-identifier")).sendKeys("Alice@Example.ORG");
        click(By.id("bind-start"));
        patiently(ExpectedConditions.visibilityOfElementLocated(By.id("bind-code")), "the code field");
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
        Matcher code = Pattern.compile("code [^:]*: (\\d{8})").matcher(GreenMailUtil.getBody(message));
        assertThat(code.find()).isTrue();
        shot("subjects-03-code-mailed", "bind-section");
        browser.driver().findElement(By.id("bind-code")).sendKeys(code.group(1));
        click(By.id("bind-complete"));
        WebElement bound = patiently(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bindings li")), "a bound identifier");
        assertThat(bound.getText()).startsWith("email ").contains("(email-otp)");
        String commitment = bound.getAttribute("data-commitment");
        assertThat(ledger.log().state().bindingsOfSubject(Bytes.fromHex(publicHex)))
                .extracting(b -> b.commitment().hex()).containsExactly(commitment);
        shot("subjects-04-email-bound", "bind-section");

        WebElement trainAi = browser.driver().findElement(By.cssSelector("input[name=purpose][value=train-ai]"));
        assertThat(trainAi.isSelected()).isTrue();
        WebElement share = browser.driver().findElement(By.id("grant-share"));
        share.clear();
        share.sendKeys("250");
        click(By.id("grant-submit"));
        patientlyWaitForText(By.id("grant-status"), "Granted: ");
        List<GrantStatus> grants = ledger.log().state().grantsOfSubject(Bytes.fromHex(publicHex));
        assertThat(grants).hasSize(1);
        GrantStatus grant = grants.get(0);
        assertThat(grant.grant().purposes()).containsExactly("train-ai");
        assertThat(grant.grant().shareBasisPoints()).isEqualTo(250);
        assertThat(grant.grant().commitments()).extracting(Bytes::hex).containsExactly(commitment);
        String row = "tr[data-grant='" + grant.grantId().hex() + "']";
        // The proof appears once a checkpoint covers the grant; the page looks again every few seconds.
        patientlyWaitForText(By.cssSelector(row + " td.proof"), "verified: entry " + grant.index());
        assertThat(browser.driver().findElement(By.cssSelector(row + " td.status")).getText()).isEqualTo("active");
        assertThat(browser.driver().findElement(By.id("checkpoint-status")).getText()).contains("signature verified");
        assertThat(browser.driver().findElement(By.id("datasets-notice")).getText()).contains("without --datasets-url");
        shot("subjects-05-granted-with-proof", "grants-section");

        click(By.cssSelector(row + " button.revoke"));
        patientlyWaitForText(By.cssSelector(row + " td.status"), "revoked");
        assertThat(ledger.log().state().grantsOfSubject(Bytes.fromHex(publicHex)).get(0).revokedAtIndex()).isPositive();
        assertThat(browser.driver().findElements(By.cssSelector("button.revoke"))).isEmpty();
        shot("subjects-06-revoked", "grants-section");

        // The key survives a reload: it is kept in this browser, not on the server.
        openPage();
        assertThat(keyShownByThePage()).isEqualTo(publicHex);
        patientlyWaitForText(By.id("registration-status"), "Registered.");
    }

    @Test
    void aKeyFileFromTheCommandLineCanBeImported() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        Path file = dir.resolve("consent.key");
        key.save(file);
        openPage();
        browser.driver().findElement(By.id("import-key")).sendKeys(file.toAbsolutePath().toString());
        assertThat(keyShownByThePage()).isEqualTo(Bytes.of(key.publicKey().bytes()).hex());
        click(By.id("register"));
        patientlyWaitForText(By.id("registration-status"), "Registered.");
        // Registered with the imported key: the signature made in the browser verified as this key's.
        assertThat(ledger.log().state().subjectOfKey(Bytes.of(key.publicKey().bytes()))).isNotNull();
        shot("subjects-07-key-imported", "key-section");
    }

    @Test
    void aFileThatIsNotAKeyFileIsRefusedPlainly() throws Exception {
        Path file = dir.resolve("not-a-key.txt");
        java.nio.file.Files.writeString(file, "hello\n");
        openPage();
        browser.driver().findElement(By.id("import-key")).sendKeys(file.toAbsolutePath().toString());
        patientlyWaitForText(By.id("message"), "not a Gleaner key file");
        assertThat(browser.driver().findElement(By.id("key-status")).getText()).isEqualTo("No key in this browser yet.");
    }

    /** Waits for the page (room for a machine shared with other builds; not a timing check); on failure, says what the page showed. */
    private <T> T patiently(org.openqa.selenium.support.ui.ExpectedCondition<T> condition, String what) {
        try {
            return new WebDriverWait(browser.driver(), Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("subjects-failure");
            throw new AssertionError(what + " never came; the page said: "
                    + browser.driver().findElement(By.id("message")).getAttribute("textContent")
                    + " | grants table: " + browser.driver().findElement(By.id("grants")).getAttribute("textContent"), e);
        }
    }

    private void patientlyWaitForText(By by, String text) {
        patiently(ExpectedConditions.textToBePresentInElementLocated(by, text), "'" + text + "'");
    }

    /** Buttons are enabled once the page has the state they need: wait for that, then click. */
    private void click(By by) {
        patiently(ExpectedConditions.elementToBeClickable(by), "an enabled " + by).click();
    }

    private void openPage() {
        browser.open(url);
        patiently(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready=true]")), "the page ready");
        assertThat(browser.driver().findElement(By.id("ledger-info")).getText()).contains("subjects.test/ledger");
    }

    private String keyShownByThePage() {
        patientlyWaitForText(By.id("key-status"), "Key in this browser: ");
        String text = browser.driver().findElement(By.id("key-status")).getText();
        String hex = text.substring(text.indexOf(": ") + 2).strip();
        assertThat(hex).matches("[0-9a-f]{64}");
        return hex;
    }

    private void shot(String name, String sectionId) {
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById(arguments[0]).scrollIntoView()", sectionId);
        browser.screenshot(name);
    }
}
