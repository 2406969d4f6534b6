package org.facecensus.textminer;

import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.facecensus.classify.Gender;
import org.junit.jupiter.api.Test;

/** The study's own rule on its own examples, and where it differs from the default mode on purpose. */
class StudyDescriptionMinerTest {
    private final DescriptionMiner miner = new StudyDescriptionMiner();

    @Test
    void femaleWorkerGivesWorker() {
        assertEquals(List.of(new Mention(Gender.FEMALE, "worker", "female worker", 0)),
                miner.mine("A female worker operates the lathe."));
    }

    @Test
    void malePeasantFromTheCatalogue() {
        assertEquals(List.of(new Mention(Gender.MALE, "peasant", "male peasant", 0)),
                miner.mine("The male peasant is holding a land property deed."));
    }

    @Test
    void termIsTheLastNounOfTheRunLemmatised() {
        List<Mention> mentions = miner.mine("Liang Jun, one of China's first female tractor drivers.");
        assertEquals(1, mentions.size(), mentions.toString());
        assertEquals("driver", mentions.get(0).term());
        assertEquals("female tractor drivers", mentions.get(0).phrase());
    }

    @Test
    void maleWithoutAFollowingNounGivesNothingAsInTheStudy() {
        List<Mention> mentions = miner.mine("Male and female workers of the commune.");
        assertEquals(List.of(new Mention(Gender.FEMALE, "worker", "female workers", 0)), mentions);
    }

    @Test
    void onlyMaleAndFemaleCountAndNothingIsExcluded() {
        assertTrue(miner.mine("A peasant woman and her husband.").isEmpty());
        // The study's rule has no notion of titles: a quoted "Female" still counts.
        List<Mention> quoted = miner.mine("From the series \"Female workers of the revolution\".");
        assertEquals(1, quoted.size(), quoted.toString());
        assertEquals("worker", quoted.get(0).term());
    }

    @Test
    void nameIsStudy() {
        assertEquals("study", miner.name());
    }
}
