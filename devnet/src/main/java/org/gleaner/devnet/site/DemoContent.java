package org.gleaner.devnet.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a demo journal's pages: a home page, articles that link to each other, a people directory and one
 * profile per writer. Deterministic (the journal's seed) so runs are comparable.
 */
public final class DemoContent {
    public static final int ARTICLES = 10;

    private static final String[] TOPICS = {"river ecology", "bread baking", "community radio", "bicycle repair",
        "urban beekeeping", "stone walls", "tide pools", "letterpress printing", "night skies", "seed libraries",
        "violin making", "map folding"};
    private static final String[] SENTENCES = {
        "Volunteers gathered early to record what had changed since the last visit.",
        "The notes were typed up in the evening and shared with anyone who asked.",
        "Nobody expected the small workshop to draw such a patient and curious crowd.",
        "Each method has trade-offs, and the group wrote down which ones mattered most.",
        "Measurements were repeated three times, because the first readings looked odd.",
        "Older members explained the history while younger ones tried the tools themselves.",
        "A short list of open questions closes the report, with names next to each.",
        "The budget stayed small, and most materials were borrowed or donated.",
        "Photographs from the session are kept in the shared archive for later comparison.",
        "Weather delayed the second day, so the plan was shortened without losing its aim.",
        "Several readers wrote in with corrections, which are included below with thanks.",
        "The results are modest but they are honest, and they can be checked by anyone."};

    private DemoContent() {
    }

    /** Every journal's pages: host to (path to page HTML). */
    public static Map<String, Map<String, String>> sites() {
        Map<String, Map<String, String>> sites = new LinkedHashMap<>();
        for (DemoJournal journal : DemoJournal.ALL) {
            sites.put(journal.host(), pages(journal));
        }
        return sites;
    }

    /** The number of pages over all journals. */
    public static int pageCount() {
        return sites().values().stream().mapToInt(Map::size).sum();
    }

    /** Path to page (HTML). */
    public static Map<String, String> pages(DemoJournal journal) {
        Map<String, String> pages = new LinkedHashMap<>();
        Random random = new Random(journal.seed());
        pages.put("/", home(journal));
        pages.put("/about.html", page(journal, "About this site", "<p>The " + journal.title()
                + " is a small community journal, one of three used to demonstrate Gleaner.</p>"
                + "<p>See the <a href=\"/people/\">people</a> who write here, or the <a href=\"/articles/1.html\">first article</a>.</p>"));
        pages.put("/people/", people(journal));
        for (DemoPerson person : journal.writers()) {
            pages.put("/people/" + person.slug() + ".html", profile(journal, person));
        }
        for (int i = 1; i <= ARTICLES; i++) {
            pages.put("/articles/" + i + ".html", article(journal, i, random));
        }
        return pages;
    }

    private static String home(DemoJournal journal) {
        StringBuilder body = new StringBuilder("<p>Welcome to the " + journal.title() + ".</p><ul>");
        for (int i = 1; i <= 6; i++) {
            body.append("<li><a href=\"/articles/").append(i).append(".html\">Article ").append(i).append("</a></li>");
        }
        body.append("</ul><p><a href=\"/about.html\">About</a> · <a href=\"/people/\">People</a></p>");
        return page(journal, journal.title(), body.toString());
    }

    private static String people(DemoJournal journal) {
        StringBuilder body = new StringBuilder("<p>The people who write and edit the journal.</p><ul>");
        for (DemoPerson p : journal.writers()) {
            body.append("<li><a href=\"/people/").append(p.slug()).append(".html\">").append(p.name()).append("</a>, ")
                    .append(p.role()).append("</li>");
        }
        return page(journal, "People", body.append("</ul>").toString());
    }

    private static String profile(DemoJournal journal, DemoPerson p) {
        return page(journal, p.name(), "<p>" + p.name() + " is a " + p.role() + " and writes for the journal about their craft.</p>"
                + "<p>Contact: <a href=\"mailto:" + p.email() + "\">" + p.email() + "</a>, telephone " + p.phone() + ".</p>"
                + "<p><a href=\"/people/\">All people</a></p>");
    }

    private static String article(DemoJournal journal, int i, Random random) {
        String topic = TOPICS[(i + (int) journal.seed()) % TOPICS.length];
        DemoPerson author = journal.writers().get(i % journal.writers().size());
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"byline\">By <a href=\"/people/").append(author.slug()).append(".html\">")
                .append(author.name()).append("</a></p>");
        for (int p = 0; p < 3 + random.nextInt(3); p++) {
            body.append("<p>");
            List<String> sentences = new ArrayList<>();
            sentences.add("This part of our series on " + topic + " looks at week " + (i + p) + ".");
            for (int s = 0; s < 3 + random.nextInt(4); s++) {
                sentences.add(SENTENCES[random.nextInt(SENTENCES.length)]);
            }
            body.append(String.join(" ", sentences)).append("</p>");
        }
        if (i % 5 == 0) {
            body.append("<p>Questions about this piece go to ").append(author.email()).append(" or ")
                    .append(author.phone()).append(".</p>");
        }
        body.append("<p>Read next: <a href=\"/articles/").append(i % ARTICLES + 1).append(".html\">article ")
                .append(i % ARTICLES + 1).append("</a>");
        if (i + 5 <= ARTICLES) {
            body.append(" or <a href=\"/articles/").append(i + 5).append(".html#top\">article ").append(i + 5).append("</a>");
        }
        body.append(" · <a href=\"https://outside.example/\" rel=\"nofollow\">a site elsewhere</a></p>");
        return page(journal, "On " + topic + " (" + i + ")", body.toString());
    }

    private static String page(DemoJournal journal, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><nav><a href=\"/\">Home</a></nav><main><h1>" + title + "</h1>" + body + "</main>"
                + "<footer>" + journal.title() + "</footer></body></html>\n";
    }
}
