package io.squashinflux.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection of {@link Http}: a socket, plain or TLS (with the server's name
 * verified), and a read buffer from which the status line, headers and body are taken. Reads block
 * without a socket timeout: {@link Deadlines} bounds each exchange by closing the socket.
 */
final class HttpConnection implements Deadlines.Stoppable {
  private static final int MAX_LINE = 16 * 1024;

  private final Socket socket;
  private final Socket tcp;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;
  private long received;

  private HttpConnection(Socket socket, Socket tcp) throws IOException {
    this.socket = socket;
    this.tcp = tcp;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code origin} within {@code connectTimeoutMillis}; TLS when it is https. */
  static HttpConnection open(Http.Origin origin, int connectTimeoutMillis, SSLSocketFactory tls)
      throws IOException {
    Socket tcp = new Socket();
    Socket socket = tcp;
    try {
      tcp.setTcpNoDelay(true);
      tcp.connect(new InetSocketAddress(origin.host(), origin.port()), connectTimeoutMillis);
      if (origin.tls()) {
        SSLSocket secure = (SSLSocket) tls.createSocket(tcp, origin.host(), origin.port(), true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        socket = secure;
        // The handshake is bounded like a connect: the answer's deadline starts after it.
        secure.setSoTimeout(connectTimeoutMillis);
        secure.startHandshake();
        secure.setSoTimeout(0);
      }
      return new HttpConnection(socket, tcp);
    } catch (SocketTimeoutException e) {
      closeQuietly(tcp);
      HttpConnectTimeoutException timeout = new HttpConnectTimeoutException(
          "no connection to " + origin.host() + ":" + origin.port() + " within "
              + connectTimeoutMillis + " ms");
      timeout.initCause(e);
      throw timeout;
    } catch (IOException | RuntimeException e) {
      closeQuietly(tcp);
      throw e;
    }
  }

  /** Sends a request's head and its body, if any. */
  void send(String head, byte[] body) throws IOException {
    received = 0;
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    if (body != null && body.length <= 16 * 1024) { // one packet for a small request
      byte[] whole = java.util.Arrays.copyOf(bytes, bytes.length + body.length);
      System.arraycopy(body, 0, whole, bytes.length, body.length);
      bytes = whole;
      body = null;
    }
    out.write(bytes);
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  /**
   * Whether an answer starts within {@code millis}; false when none did (the wait is the only
   * read with a timeout). An answer already buffered counts.
   */
  boolean answerWithin(int millis) throws IOException {
    if (position < limit) {
      return true;
    }
    socket.setSoTimeout(millis);
    try {
      if (!fill()) {
        throw new EOFException("the connection closed before an answer");
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(0);
    }
  }

  /** Bytes received since the last request: none means a kept-alive connection the server closed. */
  long received() {
    return received;
  }

  /** One line without its CR LF, as ISO-8859-1 text. */
  String readLine() throws IOException {
    StringBuilder line = null; // only for a line split across reads
    while (true) {
      if (position == limit && !fill()) {
        throw new EOFException("the connection closed in the middle of the answer's headers");
      }
      int start = position;
      int p = start;
      int filled = limit; // a local: C1 rereads fields on every byte
      byte[] bytes = buffer;
      while (p < filled && bytes[p] != '\n') {
        p++;
      }
      position = p;
      boolean end = p < filled;
      int length = p - start;
      if (end) {
        position++;
        if (line == null) { // the usual case: the whole line is in the buffer
          int cr = length > 0 && buffer[start + length - 1] == '\r' ? 1 : 0;
          return new String(buffer, start, length - cr, StandardCharsets.ISO_8859_1);
        }
      }
      String part = new String(buffer, start, length, StandardCharsets.ISO_8859_1);
      line = line == null ? new StringBuilder(part) : line.append(part);
      if (line.length() > MAX_LINE) {
        throw new IOException("an answer header line is longer than " + MAX_LINE + " bytes");
      }
      if (end) {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
    }
  }

  int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == limit) {
      if (length >= buffer.length) { // large reads go straight into the caller's array
        int n = in.read(into, offset, length);
        received += Math.max(0, n);
        return n;
      }
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(length, limit - position);
    System.arraycopy(buffer, position, into, offset, n);
    position += n;
    return n;
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    received += n;
    position = 0;
    limit = n;
    return true;
  }

  /** Bytes left in the buffer: a reusable connection has none once an answer is read. */
  boolean drained() {
    return position == limit;
  }

  /**
   * Called by the watchdog while another thread may be blocked reading: the TCP socket under any
   * TLS layer is closed, which ends the read at once (closing TLS first would wait for it).
   */
  @Override
  public void stop() {
    closeQuietly(tcp);
  }

  void close() {
    closeQuietly(socket);
    closeQuietly(tcp);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that is wanted.
    }
  }
}
