package org.fillwatch.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to the running service as one of the demo users. */
public final class ApiCalls {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiCalls(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(DemoLogins login, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (login != null) {
            request.header("Authorization", login.basic());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
