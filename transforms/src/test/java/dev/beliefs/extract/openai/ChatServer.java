package dev.beliefs.extract.openai;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** A local server whose {@code POST /v1/chat/completions} a test answers. */
final class ChatServer {

  private ChatServer() {}

  /** Started on a free port of 127.0.0.1, answering on its own thread. */
  static HttpServer start(HttpHandler chatCompletions) throws IOException {
    return start(chatCompletions, null);
  }

  /** Started on a free port of 127.0.0.1, answering on {@code threads}. */
  static HttpServer start(HttpHandler chatCompletions, Executor threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", chatCompletions);
    server.setExecutor(threads);
    server.start();
    return server;
  }

  /** The {@code --baseUrl} of {@code server}. */
  static String baseUrl(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }
}
