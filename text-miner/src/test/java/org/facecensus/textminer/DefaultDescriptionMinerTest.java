package org.facecensus.textminer;

import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.facecensus.classify.Gender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default mode on the examples: what counts, under which term, and what does not count. */
class DefaultDescriptionMinerTest {
    private final DescriptionMiner miner = new DefaultDescriptionMiner();

    private Mention only(String text) {
        List<Mention> mentions = miner.mine(text);
        assertEquals(1, mentions.size(), () -> text + " -> " + mentions);
        return mentions.get(0);
    }

    @Test
    void peasantWomanCountsUnderPeasant() {
        Mention m = only("A peasant woman carries rice to the granary.");
        assertEquals(Gender.FEMALE, m.gender());
        assertEquals("peasant", m.term());
        assertTrue(m.phrase().contains("peasant woman"), m.phrase());
    }

    @Test
    void womenWorkersCountUnderWorker() {
        Mention m = only("Mao meets three women workers at the factory.");
        assertEquals(new Mention(Gender.FEMALE, "worker", "three women workers", 0), m);
    }

    @Test
    void compoundsCarryTheirRole() {
        assertEquals("militia", only("A militiawoman stands guard at the coast.").term());
        assertEquals("militia", only("The militiawomen train at dawn.").term());
        assertEquals(Gender.FEMALE, only("A militia-woman stands guard.").gender());
        assertEquals("militia", only("A militia-woman stands guard.").term());
        Mention gunman = only("Shows a gunman against a red background.");
        assertEquals(new Mention(Gender.MALE, "gunman", "a gunman", 0), gunman);
        assertEquals("athlete", only("Two sportswomen run along the track.").term());
        // Not listed: the *woman suffix rule still finds it, under its own singular.
        assertEquals("countrywoman", only("Two countrywomen run along the track.").term());
    }

    @Test
    void modifiersAndPossessivesStayInThePhrase() {
        assertEquals(new Mention(Gender.FEMALE, "girl", "a young girl", 0), only("She smiles at a young girl."));
        assertEquals(new Mention(Gender.FEMALE, "wife", "his wife", 0), only("The soldier waves to his wife."));
        assertEquals(new Mention(Gender.MALE, "man", "Some 24,000 men", 0), only("Some 24,000 men died in the battle."));
        assertEquals("combat hero", only("Female combat heroes of the war.").term());
    }

    @Test
    void coordinationGivesBothGenders() {
        List<Mention> adjectives = miner.mine("Male and female workers of the commune celebrate.");
        assertEquals(List.of(Gender.MALE, Gender.FEMALE), adjectives.stream().map(Mention::gender).toList());
        assertTrue(adjectives.stream().allMatch(m -> m.term().equals("worker")), adjectives.toString());
        List<Mention> nouns = miner.mine("Men and women workers build the dam.");
        assertEquals(List.of(Gender.MALE, Gender.FEMALE), nouns.stream().map(Mention::gender).toList());
        assertTrue(nouns.stream().allMatch(m -> m.term().equals("worker")), nouns.toString());
    }

    @Test
    void multiWordRolesAndNamesInApposition() {
        assertEquals("tractor driver", only("One of China's first female tractor drivers.").term());
        assertEquals("engine driver", only("The first female engine driver Tian Guiying").term());
        assertEquals("worker", only("Two women workers Li Min and Wang Fang stand at the lathe.").term());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "A scene from the ballet Red Detachment of Women.",
        "The Men of No Property is a play about dockers.",
        "From the series \"Model women of New China\" Xin zhongguo de funü mofan(新中國的婦女模範)",
        "From the series Model women of New China (新中國的婦女模範)",
        "The band ‘Men at Work’ played in Beijing.",
        "Chairman Mao meets the masses; King Victor Emmanuel III speaks; Uncle Sam watches.",
        "With the man-made Qiandao Lake reservoir in the background.",
        "He said that she would come with him.",
        "Love the mother country, study diligently.",
        "Boys and Girls of the World Unite",
        "Mao 'received' the 'Iron Girls' brigade."
    })
    void titlesNamesPronounsAndModifiersAreNotCounted(String text) {
        assertEquals(List.of(), miner.mine(text));
    }

    @Test
    void sentenceInitialCapitalStillCounts() {
        List<Mention> mentions = miner.mine("Women workers at the steel mill. Mother and child wait.");
        assertEquals(2, mentions.size(), mentions.toString());
        assertEquals(new Mention(Gender.FEMALE, "worker", "Women workers", 0), mentions.get(0));
        assertEquals(Gender.FEMALE, mentions.get(1).gender());
        assertEquals("mother", mentions.get(1).term());
        assertEquals(1, mentions.get(1).sentence());
    }

    @Test
    void inLawCompounds() {
        Mention m = only("She visits her mother-in-law.");
        assertEquals(Gender.FEMALE, m.gender());
        assertEquals("mother-in-law", m.term());
    }

    @Test
    void aUserLexiconReplacesTheDefault(@TempDir Path dir) throws IOException {
        Path lexicon = dir.resolve("lexicon.txt");
        Files.writeString(lexicon, """
                # only lasses and the role of shepherd
                [gendered]
                female lass
                [roles]
                shepherd
                """, StandardCharsets.UTF_8);
        DescriptionMiner custom = new DefaultDescriptionMiner(GenderLexicon.load(lexicon));
        List<Mention> mentions = custom.mine("A shepherd lass and a woman walk home.");
        assertEquals(List.of(new Mention(Gender.FEMALE, "shepherd", "A shepherd lass", 0)), mentions);
    }
}
