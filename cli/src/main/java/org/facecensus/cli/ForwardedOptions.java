package org.facecensus.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Mixin;

/**
 * {@code --detector} (with {@code --min-face}, {@code --min-score}), {@code --threads} and {@code --device} of a command that runs another one
 * ({@code align} runs {@code detect}, {@code demo} runs {@code analyze}) and passes them on.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class ForwardedOptions {
    @Mixin
    DetectorMixin detector;

    @Mixin
    ThreadsMixin threads;

    @Mixin
    DeviceMixin device;

    /** The options as the other command's arguments; unset ones are left out so it applies its own defaults. */
    List<String> args() {
        // --threads unchecked: the other command reports a bad value as its own usage error.
        List<String> args = new ArrayList<>(List.of("--threads", Integer.toString(threads.threads)));
        if (detector.name() != null) {
            args.addAll(List.of("--detector", detector.name()));
        }
        if (detector.minFace != null) {
            args.addAll(List.of("--min-face", detector.minFace.toString()));
        }
        if (detector.minScore != null) {
            args.addAll(List.of("--min-score", detector.minScore.toString()));
        }
        if (device.device != null) {
            args.addAll(List.of("--device", device.device));
        }
        return args;
    }
}
