/**
 * Web: the REST API over pavilions, latest readings, camera status and incidents, the contact
 * centre's browser pages (live map, pavilion, incident register, cameras, region-of-interest editor,
 * labelling) and the security of both: sign-in, roles OPERATOR / CARRIER / ADMIN, carriers' API
 * tokens, CSRF and security headers. Every controller scopes what it shows with {@link
 * org.fillwatch.web.Viewer}: a carrier sees only its own carrier's pavilions and incidents.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.fillwatch.web;
