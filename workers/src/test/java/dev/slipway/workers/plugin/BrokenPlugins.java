package dev.slipway.workers.plugin;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.SourceTree;

/** Plugins written wrong on purpose, listed in this module's test META-INF/services. */
final class BrokenPlugins {

    private BrokenPlugins() {
    }

    /** Its class cannot even be initialised. */
    public static final class ThrowsOnLoad implements Builder {
        static {
            if (Boolean.TRUE) {
                throw new IllegalStateException("static initializer fails");
            }
        }

        @Override
        public String name() {
            return "throws-on-load";
        }

        @Override
        public boolean accept(SourceTree source) {
            return true;
        }

        @Override
        public BuildArtifact build(BuildContext context) {
            return null;
        }
    }

    /** ServiceLoader needs a public no-argument constructor; this one has none. */
    public static final class NoDefaultConstructor implements Builder {
        public NoDefaultConstructor(String unused) {
        }

        @Override
        public String name() {
            return "no-default-constructor";
        }

        @Override
        public boolean accept(SourceTree source) {
            return true;
        }

        @Override
        public BuildArtifact build(BuildContext context) {
            return null;
        }
    }

    /** Declares a setting that the operator set to something of the wrong type. */
    public static final class WronglySet implements Builder {
        @Override
        public String name() {
            return "wrongly-set";
        }

        @Override
        public java.util.List<dev.slipway.api.Setting> settings() {
            return java.util.List.of(new dev.slipway.api.Setting("workers", dev.slipway.api.Setting.Type.INTEGER, "2",
                    "parallel builds"));
        }

        @Override
        public boolean accept(SourceTree source) {
            return true;
        }

        @Override
        public BuildArtifact build(BuildContext context) {
            return null;
        }
    }

    /** Its settings() throws. */
    public static final class SettingsThrow implements Builder {
        @Override
        public String name() {
            return "settings-throw";
        }

        @Override
        public java.util.List<dev.slipway.api.Setting> settings() {
            throw new IllegalStateException("settings() is broken");
        }

        @Override
        public boolean accept(SourceTree source) {
            return true;
        }

        @Override
        public BuildArtifact build(BuildContext context) {
            return null;
        }
    }
}
