package dev.slipway.workers.stage;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** This worker's name in the events it sends: host and process id. */
@ApplicationScoped
public class WorkerIdentity {

    private final String name;

    public WorkerIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        this.name = host + "-" + ProcessHandle.current().pid();
    }

    public String name() {
        return name;
    }
}
