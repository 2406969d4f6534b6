package org.facecensus.textminer;

import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.facecensus.FaceCensus;
import org.facecensus.classify.Gender;
import org.facecensus.spi.DescriptionMinerProvider;
import org.facecensus.textminer.provider.DefaultMinerProvider;
import org.facecensus.internal.ProviderManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader registration, selection by name and priority, and concurrent use of one miner. */
class ProvidersAndThreadsTest {

    @Test
    void bothProvidersAreFoundAndDefaultWinsByPriority() {
        List<String> names = FaceCensus.defaults().descriptionMiners().all().stream().map(DescriptionMinerProvider::name).toList();
        assertTrue(names.containsAll(List.of("study", "default")), names.toString());
        assertInstanceOf(StudyDescriptionMiner.class, FaceCensus.descriptionMiner("study"));
        assertInstanceOf(DefaultDescriptionMiner.class, FaceCensus.descriptionMiner("default"));
        if (System.getProperty("facecensus.miner") == null) {
            assertEquals("default", FaceCensus.descriptionMiner(null).name());
        }
    }

    @Test
    void theLexiconPropertyReplacesTheBundledLexicon(@TempDir Path dir) throws IOException {
        Path lexicon = dir.resolve("lexicon.txt");
        Files.writeString(lexicon, "[gendered]\nfemale lass\n", StandardCharsets.UTF_8);
        String previous = System.getProperty(DefaultMinerProvider.LEXICON_PROPERTY);
        System.setProperty(DefaultMinerProvider.LEXICON_PROPERTY, lexicon.toString());
        try {
            DescriptionMiner miner = FaceCensus.descriptionMiner("default");
            assertEquals(List.of(Gender.FEMALE), miner.mine("A lass and a woman.").stream().map(Mention::gender).toList());
        } finally {
            if (previous == null) {
                System.clearProperty(DefaultMinerProvider.LEXICON_PROPERTY);
            } else {
                System.setProperty(DefaultMinerProvider.LEXICON_PROPERTY, previous);
            }
        }
    }

    @Test
    void oneMinerSharedByFourThreadsGivesTheSingleThreadedResults() throws Exception {
        List<String> texts = new ArrayList<>();
        PosterNotes.records().values().forEach(r -> texts.add(PosterNotes.field(r, "description")));
        for (DescriptionMiner miner : List.of(new DefaultDescriptionMiner(), new StudyDescriptionMiner())) {
            List<List<Mention>> expected = texts.stream().map(miner::mine).toList();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<List<Mention>>>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        List<List<Mention>> out = new ArrayList<>();
                        for (int round = 0; round < 3; round++) {
                            out = texts.stream().map(miner::mine).toList();
                        }
                        return out;
                    }));
                }
                for (Future<List<List<Mention>>> f : futures) {
                    assertEquals(expected, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(expected.stream().mapToInt(List::size).sum() > 0);
        }
    }

    /** The module's provider manifest, which explains missing names, matches its services file. */
    @Test
    void manifestListsExactlyTheRegisteredMiners() {
        ProviderManifest.verifyModule(StudyDescriptionMiner.class);
    }
}
