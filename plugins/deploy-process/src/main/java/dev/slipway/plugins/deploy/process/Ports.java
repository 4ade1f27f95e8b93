package dev.slipway.plugins.deploy.process;

import dev.slipway.api.StageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds a port for a new release. */
final class Ports {

    private Ports() {
    }

    /** The first port of the range nothing is listening on at the bind host. */
    static int firstFree(ProcessSettings settings) throws StageException {
        for (int port = settings.firstPort(); port <= settings.lastPort(); port++) {
            if (isFree(settings.bindHost(), port)) {
                return port;
            }
        }
        throw new StageException("no free port in " + settings.firstPort() + "-" + settings.lastPort() + " on "
                + settings.bindHost() + ": stop unused releases or widen slipway.plugins.process.port-range");
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
