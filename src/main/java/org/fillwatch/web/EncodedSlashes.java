package org.fillwatch.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * An id with an encoded slash ({@code /api/incidents/..%2Fetc}) reaches the API, which answers it as
 * an unknown id (404 problem detail), instead of Tomcat refusing it with an HTML page. The slash
 * stays encoded in the path, so it never splits a path segment: a path variable can hold it but
 * routing is unchanged.
 */
@Component
class EncodedSlashes implements TomcatConnectorCustomizer {

    @Override
    public void customize(org.apache.catalina.connector.Connector connector) {
        connector.setEncodedSolidusHandling("passthrough");
    }
}
