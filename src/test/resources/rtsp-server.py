#!/usr/bin/python3
"""RTSP server for the camera integration tests: a PLAY-mode server like an IP camera's.

Serves a solid-colour test picture (or a video file) as H.264 (x264enc) over RTP on
127.0.0.1:PORT/PATH, optionally behind Basic authentication. Prints one line
"READY rtsp://127.0.0.1:PORT/PATH" on stdout once it listens; errors go to stderr with exit code 3.

Needs Debian packages: python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-rtsp-server-1.0
gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly (x264enc).
Run it with /usr/bin/python3 (the system interpreter that sees python3-gi).
"""
import argparse
import sys

try:
    import gi
    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtspServer
except (ImportError, ValueError) as e:
    print("rtsp-server.py: GStreamer RTSP server bindings missing (%s); install python3-gi "
          "gir1.2-gst-rtsp-server-1.0" % e, file=sys.stderr, flush=True)
    sys.exit(3)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", default="/cam")
    p.add_argument("--color", default="0xffff0000", help="ARGB of the solid test picture")
    p.add_argument("--width", type=int, default=320)
    p.add_argument("--height", type=int, default=240)
    p.add_argument("--fps", type=int, default=15)
    p.add_argument("--file", help="serve this video file instead (played once per client session)")
    p.add_argument("--user")
    p.add_argument("--password")
    a = p.parse_args()

    Gst.init(None)
    needed = ["videotestsrc", "videoconvert", "x264enc", "rtph264pay"]
    missing = [n for n in needed if Gst.ElementFactory.find(n) is None]
    if missing:
        print("rtsp-server.py: GStreamer elements missing: %s (install gstreamer1.0-plugins-base, "
              "-good and -ugly)" % ", ".join(missing), file=sys.stderr, flush=True)
        sys.exit(3)

    if a.file:
        source = "filesrc location=%s ! decodebin ! videoconvert ! videoscale" % a.file
    else:
        source = ("videotestsrc is-live=true pattern=solid-color foreground-color=%d ! "
                  "video/x-raw,width=%d,height=%d,framerate=%d/1 ! videoconvert"
                  % (int(a.color, 16), a.width, a.height, a.fps))
    # FFmpeg's RTP/JPEG depacketiser refused GStreamer's rtpjpegpay output here, so H.264 only
    encode = ("video/x-raw,format=I420 ! x264enc tune=zerolatency speed-preset=ultrafast "
              "key-int-max=%d ! rtph264pay name=pay0 pt=96 config-interval=1" % a.fps)

    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(a.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch("( %s ! %s )" % (source, encode))
    factory.set_shared(False)

    if a.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "viewer")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(a.user, a.password or ""), token)
        server.set_auth(auth)
        role = Gst.Structure.new_from_string(
            "viewer, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")
        factory.add_role_from_structure(role)

    server.get_mount_points().add_factory(a.path, factory)
    if server.attach(None) == 0:
        print("rtsp-server.py: cannot listen on 127.0.0.1:%d" % a.port, file=sys.stderr, flush=True)
        sys.exit(3)
    print("READY rtsp://127.0.0.1:%d%s" % (a.port, a.path), flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
