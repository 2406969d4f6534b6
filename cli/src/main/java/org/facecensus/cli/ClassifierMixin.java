package org.facecensus.cli;

import org.facecensus.census.Census;
import org.facecensus.classify.spec.GenderClassifierSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --classifier SPEC}, the gender classifier, the same in every command. {@code --gender}
 * (once detect's name) and {@code --model} (once classify's and gender evaluate's) are kept as
 * aliases so existing scripts keep working.
 *
 * <p>Thread-safety: not thread-safe; picocli fills it once, before the command runs.
 */
final class ClassifierMixin {
    static final String NAME = "--classifier";

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {NAME, "--gender", "--model"}, paramLabel = "SPEC",
            description = "Gender classifier: " + GenderClassifierSpec.HELP + "; 'none': no classification "
                    + "(default: none for detect, " + Census.DEFAULT_CLASSIFIER + " for analyze; classify and "
                    + "gender evaluate need one). " + NAME + " is the name to use; --gender and --model are older aliases.")
    String spec;

    /** For picocli: no classifier unless one is given ({@code spec()} is null). */
    ClassifierMixin() {
        this(null);
    }

    private ClassifierMixin(String defaultSpec) {
        this.spec = defaultSpec;
    }

    /** A classifier option whose default is {@code defaultSpec}. */
    static ClassifierMixin defaultingTo(String defaultSpec) {
        return new ClassifierMixin(defaultSpec);
    }

    /** The spec given, else the default; null when neither. */
    String spec() {
        return spec;
    }

    /**
     * For commands that cannot run without a classifier. Checked here rather than by picocli
     * because the same option is optional in other commands.
     *
     * @return the spec given
     * @throws ParameterException (a usage error) when none was given
     */
    String required() {
        if (spec == null) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '" + NAME + "=SPEC'");
        }
        return spec;
    }
}
