package org.facecensus.cli;

import org.facecensus.spi.inference.ExecutionDevice;
import picocli.CommandLine.Option;

/**
 * {@code --device auto|cpu|cuda}, where inference runs, the same in every command.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class DeviceMixin {
    @Option(names = "--device", paramLabel = "auto|cpu|cuda",
            description = "Inference device (default: -Dfacecensus.device, else auto = CUDA if available, else CPU).")
    String device;

    /** The device given, else the one the system property names. */
    ExecutionDevice device() {
        return device == null ? ExecutionDevice.fromSystemProperty() : ExecutionDevice.parse(device);
    }
}
