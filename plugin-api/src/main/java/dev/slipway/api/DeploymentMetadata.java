package dev.slipway.api;

import java.util.Map;

/**
 * What the stages of one deployment tell the ones after them (PipeCD's metadata store): a stage
 * puts a value, and every later stage of the same deployment, on any worker, reads it. Keys are
 * namespaced by the host per plugin; values are short texts.
 */
public interface DeploymentMetadata {

    /** What this plugin's earlier stages of this deployment put, and what this stage put so far. */
    Map<String, String> all();

    /** Records {@code value} under {@code key} for the later stages of this deployment. */
    void put(String key, String value) throws StageException;

    /** A metadata store that holds nothing and refuses to keep anything. */
    static DeploymentMetadata none() {
        return new DeploymentMetadata() {
            @Override
            public Map<String, String> all() {
                return Map.of();
            }

            @Override
            public void put(String key, String value) throws StageException {
                throw new StageException("this stage keeps no deployment metadata");
            }
        };
    }
}
