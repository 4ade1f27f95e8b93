package dev.slipway.orchestrator.api;

import java.util.Optional;

/**
 * The API answers only to its bearer token. Running without one is a decision someone must write
 * down ({@code slipway.api.allow-no-token=true}), never what a forgotten variable silently gives.
 */
public final class TokenRule {

    private TokenRule() {
    }

    /**
     * @return the token to require, or empty when the API is deliberately open
     * @throws IllegalStateException when there is no token and no decision to run without one
     */
    public static Optional<String> required(Optional<String> token, boolean allowNoToken) {
        Optional<String> given = token.filter(t -> !t.isBlank());
        if (given.isEmpty() && !allowNoToken) {
            throw new IllegalStateException("slipway.api-token is not set, so anyone who reaches the API could "
                    + "deploy and run commands; set SLIPWAY_API_TOKEN (bin/slipway generates one in "
                    + "$SLIPWAY_HOME/api-token), or, for development on a machine of your own only, "
                    + "SLIPWAY_API_ALLOW_NO_TOKEN=true (slipway.api.allow-no-token)");
        }
        return given;
    }
}
