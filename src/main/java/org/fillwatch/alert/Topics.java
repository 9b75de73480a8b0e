package org.fillwatch.alert;

/** MQTT topic levels made of ids from the pavilion files. */
final class Topics {

    private Topics() {
    }

    /** '/', '+' and '#' would change the topic's structure; they become '_'. */
    static String level(String id) {
        return id.replaceAll("[/+#]", "_");
    }
}
