package org.gleaner.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gleaner.ledger.cli.ConsentCommand;
import org.gleaner.ledger.service.LedgerService;
import org.gleaner.protocol.ledger.IdentifierKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Phone numbers are bound with a code sent by SMS. No SMS gateway can run here, so the ledger is started
 * with the development outbox (files); without it, a phone challenge is refused before anything happens.
 */
class PhoneBindingIT {
    @TempDir
    Path dir;
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    private String start(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=0",
                "--gleaner.ledger.data-dir=" + dir.resolve("ledger"), "--gleaner.ledger.origin=phone.test/ledger",
                "--gleaner.ledger.default-region=DE"));
        args.addAll(List.of(extra));
        context = LedgerServiceApplication.start(args.toArray(String[]::new));
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ConsentCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String field(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        assertThat(m.find()).as("'%s' in:%n%s", label, output).isTrue();
        return m.group(1);
    }

    @Test
    void aPhoneIsBoundWithTheCodeFromTheDevelopmentOutbox() throws Exception {
        Path outbox = dir.resolve("sms");
        String url = start("--gleaner.ledger.sms-development-outbox=" + outbox);
        String key = dir.resolve("p.key").toString();
        assertThat(run("keygen", "--key", key, "--ledger", url).exit()).isZero();

        Run started = run("bind", "--key", key, "--ledger", url, "--phone", "030 123456");
        assertThat(started.exit()).as(started.err()).isZero();
        String challenge = field(started.out(), "challenge");
        List<Path> messages;
        try (Stream<Path> files = Files.list(outbox)) {
            messages = files.toList();
        }
        assertThat(messages).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(messages.get(0)))).isEqualTo("rw-------");
        String message = Files.readString(messages.get(0));
        assertThat(message).startsWith("to: +4930123456\n");
        Matcher code = Pattern.compile("code: (\\d{8})").matcher(message);
        assertThat(code.find()).isTrue();

        Run wrong = run("bind", "--key", key, "--ledger", url, "--complete", challenge, "--kind", "phone", "--code", "00000000");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.err()).contains("binding-wrong-code");
        Run bound = run("bind", "--key", key, "--ledger", url, "--complete", challenge, "--kind", "phone", "--code", code.group(1));
        assertThat(bound.exit()).as(bound.err()).isZero();

        LedgerService ledger = context.getBean(LedgerService.class);
        Run status = run("status", "--key", key, "--ledger", url);
        assertThat(status.out()).contains("bound        phone " + ledger.commitmentOf(ledger.normalize(IdentifierKind.PHONE, "+49 30 123456")).hex()
                + " (sms-otp)");
    }

    @Test
    void withoutAGatewayAPhoneChallengeIsRefused() throws Exception {
        String url = start();
        String key = dir.resolve("q.key").toString();
        assertThat(run("keygen", "--key", key, "--ledger", url).exit()).isZero();
        Run started = run("bind", "--key", key, "--ledger", url, "--phone", "+49 30 123456");
        assertThat(started.exit()).isNotZero();
        assertThat(started.err()).contains("binding-unsupported").contains("no SMS gateway");
    }
}
