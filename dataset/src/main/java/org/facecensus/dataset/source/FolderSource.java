package org.facecensus.dataset.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.facecensus.FaceCensusException;
import org.facecensus.image.ImageFormat;

/**
 * The image files in a folder and its subfolders, in path order. Files are picked by extension (every format the
 * image loader decodes, in any case); a file whose bytes are not that image is still offered, so the build reports
 * it instead of silently skipping it.
 *
 * <p>Thread-safety: immutable; items read their file on each call.
 */
public final class FolderSource implements FaceSource {
    private static final Set<String> IMAGE_EXTENSIONS = ImageFormat.decodableExtensions();
    private final Path folder;

    public FolderSource(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new FaceCensusException("No folder at " + folder.toAbsolutePath() + "; give a folder of images.");
        }
        this.folder = folder;
    }

    @Override
    public String describe() {
        return "folder:" + folder;
    }

    @Override
    public List<SourceItem> items() {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(FolderSource::isImageName).sorted()
                    .map(p -> new SourceItem(p.toString(), p.getFileName().toString(), () -> Files.readAllBytes(p)))
                    .toList();
        } catch (IOException e) {
            throw new FaceCensusException("Cannot list the folder " + folder + ": " + e.getMessage()
                    + "; check that it is readable.", e);
        }
    }

    static boolean isImageName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
