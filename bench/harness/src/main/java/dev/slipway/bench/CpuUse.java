package dev.slipway.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU time the stack's processes spend over a step, per deployment: what a deployment costs, not how long it waits. */
final class CpuUse {

    /** The processes bin/slipway starts that have a pid file (PostgreSQL's backends are children of its own). */
    static final List<String> SERVICES = List.of("orchestrator", "workers", "kafka");

    private final BenchStack stack;
    private final Map<String, Double> before = new LinkedHashMap<>();

    private CpuUse(BenchStack stack) {
        this.stack = stack;
    }

    static CpuUse start(BenchStack stack) throws IOException {
        CpuUse use = new CpuUse(stack);
        for (String service : SERVICES) {
            use.before.put(service, stack.cpuMillis(service));
        }
        return use;
    }

    /** Each service's CPU ms per deployment since {@link #start}. */
    Map<String, Double> perDeployment(int deployments) throws IOException {
        Map<String, Double> per = new LinkedHashMap<>();
        for (String service : SERVICES) {
            per.put(service, (stack.cpuMillis(service) - before.get(service)) / Math.max(1, deployments));
        }
        return per;
    }
}
