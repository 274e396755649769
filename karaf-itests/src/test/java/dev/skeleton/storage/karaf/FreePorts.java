package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Ports free on the loopback address, so that a Karaf under test clashes neither with another run
 * nor with a Karaf of its own on the machine. The sockets are held open together while the ports are
 * chosen, so the ports differ; another process could take one before Karaf binds it, which is unlikely
 * and makes Karaf's start fail loudly.
 */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Some distinct free ports.
     *
     * @param count how many
     * @return the ports
     */
    static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address", e);
        } finally {
            sockets.forEach(FreePorts::close);
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the probe socket of port " + socket.getLocalPort(), e);
        }
    }
}
