package dev.slipway.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Creates commands through a constructor taking {@link Cli}, so none reaches for globals. */
final class CliFactory implements CommandLine.IFactory {

    private final Cli cli;

    CliFactory(Cli cli) {
        this.cli = cli;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> constructor = type.getDeclaredConstructor(Cli.class);
            return constructor.newInstance(cli);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
