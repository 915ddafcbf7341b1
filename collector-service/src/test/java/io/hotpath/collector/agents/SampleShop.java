package io.hotpath.collector.agents;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A small shop a real agent instruments: an HTTP server whose {@code /orders} handler loads the
 * orders and then each order's items one query at a time (an N+1), over a Hikari pool on an
 * in-memory H2 database, and an HTTP client calling it in a loop. Runs until killed or for the
 * number of seconds in its first argument.
 */
public final class SampleShop {
  private SampleShop() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 120;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");
    config.setPoolName("shop-pool");
    config.setMaximumPoolSize(4);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      createSchema(pool);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/orders",
          exchange -> {
            byte[] body;
            int status;
            try {
              body = String.join(",", ordersWithItems(pool)).getBytes(StandardCharsets.UTF_8);
              status = 200;
            } catch (SQLException e) {
              body = e.toString().getBytes(StandardCharsets.UTF_8);
              status = 500;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      URI orders = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      HttpClient client = HttpClient.newHttpClient();
      long until = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < until) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(orders).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("GET /orders -> " + response.statusCode());
        Thread.sleep(250);
      }
      server.stop(0);
    }
  }

  private static void createSchema(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create table orders (id int primary key, customer varchar(40))");
      statement.execute(
          "create table order_items (id int primary key, order_id int, sku varchar(20))");
      for (int order = 1; order <= 6; order++) {
        statement.execute("insert into orders values (" + order + ", 'customer-" + order + "')");
        statement.execute(
            "insert into order_items values (" + order + ", " + order + ", 'sku-" + order + "')");
      }
    }
  }

  private static List<String> ordersWithItems(HikariDataSource pool) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = pool.getConnection()) {
      List<Integer> ids = new ArrayList<>();
      try (PreparedStatement orders = connection.prepareStatement("select id from orders");
          ResultSet rows = orders.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
      for (int id : ids) {
        try (PreparedStatement items =
            connection.prepareStatement("select sku from order_items where order_id = ?")) {
          items.setInt(1, id);
          try (ResultSet rows = items.executeQuery()) {
            while (rows.next()) {
              lines.add(id + ":" + rows.getString(1));
            }
          }
        }
      }
    }
    return lines;
  }
}
