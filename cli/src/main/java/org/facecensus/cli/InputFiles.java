package org.facecensus.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the command line's PATH arguments: files as given, folders walked recursively in name order. */
final class InputFiles {
    // Decodable formats only (a .heic found in a folder would only fail); an explicitly named file is always tried.
    private static final Set<String> IMAGE_EXTENSIONS = org.facecensus.image.ImageFormat.decodableExtensions();

    private InputFiles() {
    }

    /**
     * Files given explicitly are kept whatever their extension (so a bad one is reported, not
     * silently skipped); inside folders only image extensions are taken.
     */
    static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path arg : args) {
            if (Files.isDirectory(arg)) {
                try (Stream<Path> walk = Files.walk(arg)) {
                    walk.filter(Files::isRegularFile).filter(InputFiles::isImageName).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list folder " + arg, e);
                }
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    static boolean isImageName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
