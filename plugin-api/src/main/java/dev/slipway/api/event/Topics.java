package dev.slipway.api.event;

import java.util.List;

/** The Kafka topics of the pipeline. */
public final class Topics {

    public static final String BUILD = "slipway.build";
    public static final String DEPLOY = "slipway.deploy";
    public static final String PROXY = "slipway.proxy";
    public static final String HOOK = "slipway.hook";
    public static final String EVENTS = "slipway.events";
    public static final String LOGS = "slipway.logs";
    public static final String DLQ = "slipway.dlq";
    /** Compacted: each worker's latest announcement of what it can do, keyed by worker. */
    public static final String WORKERS = "slipway.workers";
    /** Compacted: each installed plugin's file, keyed by plugin name; a tombstone once removed. */
    public static final String PLUGINS = "slipway.plugins";

    public static final List<String> ALL = List.of(BUILD, DEPLOY, PROXY, HOOK, EVENTS, LOGS, DLQ, WORKERS, PLUGINS);

    private Topics() {
    }
}
