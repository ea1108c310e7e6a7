package org.polgraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j Community DBMS in this JVM, with Bolt and HTTP switched on and auth switched off,
 * for local polgraph development. The store lives under the home folder and survives restarts.
 *
 * Usage: Launcher --home DIR [--listen ADDR] [--bolt-port N] [--http-port N] [--pagecache SIZE]
 *
 * If HOME/neo4j.conf exists it is loaded after the built-in settings, so its entries win.
 * The process blocks until SIGTERM/SIGINT, then shuts the DBMS down cleanly (checkpoint + close).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".neo4j");
        String listen = "127.0.0.1";
        int boltPort = 7687;
        int httpPort = 7474;
        String pagecache = "512m";

        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--home" -> home = Path.of(value);
                case "--listen" -> listen = value;
                case "--bolt-port" -> boltPort = Integer.parseInt(value);
                case "--http-port" -> httpPort = Integer.parseInt(value);
                case "--pagecache" -> pagecache = value;
                default -> usage("unknown flag " + flag);
            }
        }
        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(BoltConnector.listen_address, new SocketAddress(listen, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(listen, boltPort))
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress(listen, httpPort))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(listen, httpPort));

        Path conf = home.resolve("neo4j.conf");
        if (Files.isRegularFile(conf)) {
            System.out.println("polgraph-neo4j: loading " + conf);
            builder.loadPropertiesFromFile(conf);
        }

        long t0 = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (Throwable t) {
            // a half-started DBMS may leave non-daemon threads behind; make sure the JVM exits
            System.err.println("polgraph-neo4j: startup failed");
            t.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("polgraph-neo4j: shutting down");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("polgraph-neo4j: stopped");
                stopped.countDown();
            }
        }, "polgraph-neo4j-shutdown"));

        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("polgraph-neo4j: started in %d ms, home %s, bolt://%s:%d http://%s:%d%n",
                ms, home, listen, boltPort, listen, httpPort);
        System.out.flush();
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println("polgraph-neo4j: " + problem);
        System.err.println("usage: Launcher --home DIR [--listen ADDR] [--bolt-port N] [--http-port N] [--pagecache SIZE]");
        System.exit(2);
    }
}
