/** Web: the REST API over pavilions, latest readings, camera status and incidents. */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.fillwatch.web;
