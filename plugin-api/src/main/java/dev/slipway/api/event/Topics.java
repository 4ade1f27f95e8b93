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
    /** Requests to plugins' REST extensions, each addressed to one worker; every worker reads them all. */
    public static final String PLUGIN_REQUESTS = "slipway.plugin-requests";
    /** The workers' answers to them; every orchestrator replica reads them all. */
    public static final String PLUGIN_REPLIES = "slipway.plugin-replies";
    /** Compacted: each installed plugin's file, keyed by plugin name; a tombstone once removed. */
    public static final String PLUGINS = "slipway.plugins";
    /** Cancellations of running stages; every worker reads them all, in a group of its own. */
    public static final String CANCEL = "slipway.cancel";

    public static final List<String> ALL = List.of(BUILD, DEPLOY, PROXY, HOOK, EVENTS, LOGS, DLQ, WORKERS,
            PLUGIN_REQUESTS, PLUGIN_REPLIES, PLUGINS, CANCEL);

    private Topics() {
    }
}
