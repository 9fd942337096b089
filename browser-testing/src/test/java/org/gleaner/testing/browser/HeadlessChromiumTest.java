package org.gleaner.testing.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

class HeadlessChromiumTest {

    @Test
    void drivesAPageOnLoopbackAndSavesAScreenshot(@TempDir Path screenshots) throws Exception {
        HeadlessChromium.assumeInstalled();
        byte[] page = ("<!doctype html><title>probe</title><button id=b onclick=\"document.getElementById('o')"
                + ".textContent='clicked'\">go</button><p id=o>waiting</p>").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try (HeadlessChromium browser = HeadlessChromium.start(screenshots)) {
            browser.open("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            browser.waitFor(By.id("b")).click();
            assertThat(browser.waitForText(By.id("o"), "clicked").getText()).isEqualTo("clicked");
            Path shot = browser.screenshot("probe");
            assertThat(Files.size(shot)).isGreaterThan(100);
            assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
        } finally {
            server.stop(0);
        }
    }
}
