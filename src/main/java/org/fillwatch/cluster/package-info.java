/**
 * Cluster: off by default. With {@code fillwatch.cluster.enabled=true} the instance starts an
 * embedded Hazelcast member that joins its peers over TCP-IP (explicit member list, no multicast)
 * and samples only the cameras whose Hazelcast partition it owns (partition of the pavilion id).
 * When a member leaves or joins, Hazelcast moves partitions and this module tells the camera
 * module ({@link org.fillwatch.camera.CameraAssignmentChanged}) to take up or let go of cameras.
 * Shows the member, its peers and the cameras it samples at {@code /actuator/cluster}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cluster")
package org.fillwatch.cluster;
