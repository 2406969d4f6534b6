package org.facecensus.textminer;

import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.facecensus.classify.Gender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Inputs catalogue data really has: nothing, Chinese, glued sentences, and a megabyte at once. */
class RobustnessTest {
    private static final int ONE_MB = 1 << 20;

    static Stream<DescriptionMiner> miners() {
        return Stream.of(new DefaultDescriptionMiner(), new StudyDescriptionMiner());
    }

    @ParameterizedTest
    @MethodSource("miners")
    void emptyNullBlankAndChineseGiveNothing(DescriptionMiner miner) {
        assertEquals(List.of(), miner.mine(null));
        assertEquals(List.of(), miner.mine(""));
        assertEquals(List.of(), miner.mine(" \n\t "));
        assertEquals(List.of(), miner.mine("新中國的婦女模範。女拖拉机手梁军！男工人？"));
        assertEquals(List.of(), miner.mine("NA."));
    }

    @Test
    void chineseInsideEnglishKeepsSentencesApart() {
        String text = "制止动乱，人人有责！ It is everyone's duty.2. 工人同志们，努力生产！ Comrade women workers, stick to your posts!";
        List<Mention> mentions = new DefaultDescriptionMiner().mine(text);
        assertEquals(1, mentions.size(), mentions.toString());
        assertEquals("worker", mentions.get(0).term());
        assertEquals(3, mentions.get(0).sentence(), "Chinese sentence, English, Chinese, English: the fourth");
    }

    @Test
    void gluedSentencesAreSplit() {
        List<Mention> mentions = new DefaultDescriptionMiner()
                .mine("One of China's first female tractor drivers.From the series on a young girl.The old man waits.");
        assertEquals(List.of(0, 1, 2), mentions.stream().map(Mention::sentence).toList(), mentions.toString());
        List<Mention> study = new StudyDescriptionMiner().mine("A female pilot.The male peasant.");
        assertEquals(List.of(0, 1), study.stream().map(Mention::sentence).toList(), study.toString());
    }

    @Test
    void initialsAndAbbreviationsDoNotEndSentences() {
        List<Mention> mentions = new DefaultDescriptionMiner()
                .mine("First row: Lyndon B. Johnson (USA) and a woman. Nr. 16 shows a boy.");
        assertEquals(List.of(0, 1), mentions.stream().map(Mention::sentence).toList(), mentions.toString());
    }

    @ParameterizedTest
    @MethodSource("miners")
    void aMegabyteOfRepeatedDescriptionsGivesEveryCopysMentions(DescriptionMiner miner) {
        String one = "Mao meets three women workers and a female pilot. The male peasant is holding a land deed. ";
        int perCopy = miner.mine(one).size();
        int copies = ONE_MB / one.length() + 1;
        String text = one.repeat(copies);
        List<Mention> mentions = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> miner.mine(text));
        assertTrue(perCopy > 0);
        assertEquals((long) perCopy * copies, mentions.size());
        assertEquals(2 * copies - 1, mentions.get(mentions.size() - 1).sentence());
    }

    @Test
    void aMegabyteWithoutFullStopsIsCutIntoPieces() {
        String text = "the woman and the man walk on ".repeat(ONE_MB / 30 + 1);
        List<Mention> mentions = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> new DefaultDescriptionMiner().mine(text));
        assertFalse(mentions.isEmpty());
        assertTrue(mentions.stream().allMatch(m -> m.sentence() == 0), "one long sentence keeps index 0");
        assertTrue(mentions.stream().anyMatch(m -> m.gender() == Gender.FEMALE));
        assertTrue(mentions.stream().anyMatch(m -> m.gender() == Gender.MALE));
    }

    @ParameterizedTest
    @MethodSource("miners")
    void aMegabyteOfChineseOrNoSpacesIsQuick(DescriptionMiner miner) {
        String chinese = "新中國的婦女模範".repeat(ONE_MB / 8);
        String noSpaces = "x".repeat(ONE_MB);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertEquals(List.of(), miner.mine(chinese));
            assertEquals(List.of(), miner.mine(noSpaces));
        });
    }
}
