package io.distillwatch.node.crossref;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that records every byte a node sends — request line, headers and body (the
 * node never compresses) — before handing the request to a real client.
 */
final class RecordingHttpClient extends HttpClient {
  private final HttpClient delegate = HttpClient.newHttpClient();
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private int requests;

  synchronized byte[] sent() {
    return sent.toByteArray();
  }

  synchronized int requests() {
    return requests;
  }

  private synchronized void record(HttpRequest r) {
    requests++;
    StringBuilder head = new StringBuilder(r.method()).append(' ').append(r.uri()).append('\n');
    r.headers().map().forEach((k, v) -> head.append(k).append(": ").append(String.join(",", v)).append('\n'));
    sent.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    r.bodyPublisher().ifPresent(p -> sent.writeBytes(body(p)));
    sent.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] body(HttpRequest.BodyPublisher p) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch done = new CountDownLatch(1);
    p.subscribe(new Flow.Subscriber<ByteBuffer>() {
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      public void onNext(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        out.writeBytes(bytes);
      }

      public void onError(Throwable t) {
        done.countDown();
      }

      public void onComplete() {
        done.countDown();
      }
    });
    try {
      done.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out.toByteArray();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    record(request);
    return delegate.send(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    record(request);
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    record(request);
    return delegate.sendAsync(request, handler, push);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

}
