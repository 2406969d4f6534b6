package org.facecensus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.facecensus.http.internal.RetryAfter;
import org.facecensus.http.internal.RobotsRules;
import org.junit.jupiter.api.Test;

class RobotsAndRetryAfterTest {
    @Test
    void longestMatchWinsAndAllowWinsTies() {
        RobotsRules r = RobotsRules.parse("""
                # comment
                User-agent: *
                Disallow: /iiif/
                Allow: /iiif/public/
                Disallow: /*.pdf$
                Allow: /same
                Disallow: /same
                """, "FaceCensus");
        assertTrue(r.allows("/"));
        assertFalse(r.allows("/iiif/secret/info.json"));
        assertTrue(r.allows("/iiif/public/full/max/0/default.jpg"));
        assertFalse(r.allows("/docs/a.pdf"));
        assertTrue(r.allows("/docs/a.pdf?x=1"));
        assertTrue(r.allows("/same"));
    }

    @Test
    void ownGroupReplacesStarGroupAndGroupsShareRules() {
        String txt = "User-agent: *\nDisallow: /\n\nUser-agent: googlebot\nUser-agent: facecensus\nDisallow: /tmp\n";
        RobotsRules mine = RobotsRules.parse(txt, "FaceCensus");
        assertTrue(mine.allows("/images/1.jpg"));
        assertFalse(mine.allows("/tmp/x"));
        assertFalse(RobotsRules.parse(txt, "Other").allows("/images/1.jpg"));
        assertTrue(RobotsRules.parse("", "FaceCensus").allows("/anything"));
        assertTrue(RobotsRules.parse("User-agent: *\nDisallow:\n", "FaceCensus").allows("/anything"));
    }

    @Test
    void retryAfterSecondsAndDates() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Thu, 01 Jan 2026 00:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}
