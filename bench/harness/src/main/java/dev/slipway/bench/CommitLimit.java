package dev.slipway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One PostgreSQL transaction of one row, committed (with the cluster's own durability settings,
 * as the orchestrator commits each fact), over JDBC to the stack's database as Slipway's role.
 * The table is the bench's own, dropped again.
 */
final class CommitLimit {

    private final String url;
    private final String password;

    CommitLimit(int port, String password) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/slipway";
        this.password = password;
    }

    Samples measure(int warmUp, int samples) throws SQLException {
        Samples commits = new Samples();
        try (Connection db = DriverManager.getConnection(url, "slipway", password)) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL"
                        + " DEFAULT now(), note text NOT NULL)");
            }
            db.setAutoCommit(true);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO bench_commit (note) VALUES (?)")) {
                for (int i = 0; i < warmUp + samples; i++) {
                    long started = System.nanoTime();
                    insert.setString(1, "sample " + i);
                    insert.executeUpdate();
                    if (i >= warmUp) {
                        commits.addNanos(System.nanoTime() - started);
                    }
                }
            }
            try (Statement ddl = db.createStatement()) {
                ddl.execute("DROP TABLE bench_commit");
            }
        }
        return commits;
    }
}
