package org.facecensus.textminer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import org.facecensus.FaceCensusException;
import org.facecensus.classify.Gender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two editable files: what they accept, what they refuse, and that the defaults agree. */
class LexiconAndGroupsTest {

    @Test
    void pluralsAreGeneratedAndIrregularOnesListed() {
        GenderLexicon lexicon = GenderLexicon.defaults();
        assertEquals("woman", lexicon.noun("Women").orElseThrow().lemma());
        assertEquals("wife", lexicon.noun("wives").orElseThrow().lemma());
        assertEquals("lady", lexicon.noun("ladies").orElseThrow().lemma());
        assertEquals("actress", lexicon.noun("actresses").orElseThrow().lemma());
        assertEquals(Gender.MALE, lexicon.noun("gentlemen").orElseThrow().gender());
        assertEquals("militia", lexicon.noun("militiawomen").orElseThrow().role());
        assertEquals("rider", lexicon.noun("horsewomen").orElseThrow().role());
        assertEquals("countrywoman", lexicon.noun("countrywomen").orElseThrow().lemma(), "the *woman suffix rule");
        assertTrue(lexicon.noun("German").isEmpty(), "no -man suffix rule: German, Roman, human are not men");
        assertTrue(lexicon.noun("chairman").isEmpty(), "chairman is an office title, deliberately absent");
        assertEquals(Gender.FEMALE, lexicon.adjective("Females").orElseThrow());
    }

    @Test
    void everyDefaultRoleHasADefaultCategory() {
        GenderLexicon lexicon = GenderLexicon.defaults();
        TermGroups groups = TermGroups.defaults();
        TreeSet<String> unlisted = new TreeSet<>();
        for (String role : lexicon.roles()) {
            if (groups.categoryOf(role).equals(TermGroups.OTHER) && !TermGroups.defaultText().contains(role)) {
                unlisted.add(role);
            }
        }
        assertTrue(unlisted.isEmpty(), "roles missing from default-groups.txt: " + unlisted);
        assertEquals(List.of("agriculture", "industry", "military", "politics", "home and family", "education", "health",
                "culture and sport", "other"), groups.categories());
    }

    @Test
    void categoryFallsBackToTheLastWordThenOther() {
        TermGroups groups = TermGroups.defaults();
        assertEquals("agriculture", groups.categoryOf("tractor driver"));
        assertEquals("industry", groups.categoryOf("crane driver"));
        assertEquals("home and family", groups.categoryOf("mother-in-law"));
        assertEquals(TermGroups.OTHER, groups.categoryOf("figure"));
    }

    @Test
    void malformedLexiconLinesAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "[gendered]\nfemale woman\nwoman female\n", StandardCharsets.UTF_8);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> GenderLexicon.load(file));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("female|male"), e.getMessage());

        Files.writeString(file, "female woman\n", StandardCharsets.UTF_8);
        e = assertThrows(FaceCensusException.class, () -> GenderLexicon.load(file));
        assertTrue(e.getMessage().contains("section"), e.getMessage());

        e = assertThrows(FaceCensusException.class, () -> GenderLexicon.load(dir.resolve("missing.txt")));
        assertTrue(e.getMessage().contains("--print-lexicon"), e.getMessage());
    }

    @Test
    void groupsRefuseATermInTwoCategories(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("groups.txt");
        Files.writeString(file, "[a]\nworker, peasant\n[b]\npeasant\n", StandardCharsets.UTF_8);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> TermGroups.load(file));
        assertTrue(e.getMessage().contains("'peasant' is already in [a]"), e.getMessage());

        Files.writeString(file, "# custom\n[farm]\nPeasant,  tractor   driver\n[other]\nwoman\n[home]\nwife\n", StandardCharsets.UTF_8);
        TermGroups custom = TermGroups.load(file);
        assertEquals(List.of("farm", "home", "other"), custom.categories(), "other is always last");
        assertEquals("farm", custom.categoryOf("tractor driver"));
        assertEquals("farm", custom.categoryOf("peasant"), "terms are compared lower-case");
    }

    @Test
    void defaultTextsAreTheFilesUsersCopy() {
        assertTrue(GenderLexicon.defaultText().contains("[gendered]"));
        assertTrue(TermGroups.defaultText().contains("[home and family]"));
    }
}
