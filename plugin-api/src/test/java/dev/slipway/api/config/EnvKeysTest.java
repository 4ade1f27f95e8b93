package dev.slipway.api.config;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Variables that change how programs load are refused wherever an app's environment comes from. */
class EnvKeysTest {

    @Test
    void loaderVariablesAreRefusedOrdinaryOnesAllowed() {
        for (String key : new String[] {"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "MALLOC_CHECK_", "GCONV_PATH",
                "GLIBC_TUNABLES", "LOCPATH"}) {
            String problem = Names.envKeyProblem(key);
            assertTrue(problem != null && problem.startsWith(key + " is not allowed"), key + ": " + problem);
        }
        assertNull(Names.envKeyProblem("NODE_ENV"));
        assertNull(Names.envKeyProblem("LDAP_URL"));
        assertTrue(Names.envKeyProblem("1BAD").contains("is not a variable name"));
    }

    @Test
    void slipwayTomlAndDotEnvRefuseThemWithTheLine() {
        ConfigException toml = assertThrows(ConfigException.class,
                () -> AppConfigParser.parse("[env]\nLD_PRELOAD = \"./evil.so\"\n", "slipway.toml"));
        assertTrue(toml.getMessage().startsWith("slipway.toml line 2: [env] LD_PRELOAD is not allowed"), toml.getMessage());

        ConfigException dotEnv = assertThrows(ConfigException.class, () -> DotEnv.parse("A=1\nLD_PRELOAD=./evil.so\n"));
        assertTrue(dotEnv.getMessage().startsWith(".env line 2: LD_PRELOAD is not allowed"), dotEnv.getMessage());
    }
}
