#!/usr/bin/env python3
"""Runs a command with its stdin, stdout and stderr on a new pseudo-terminal of a given size.

usage: run_in_pty.py COLUMNS ROWS COMMAND [ARG...]

COLUMNS is removed from the child's environment (LINES too), so only the terminal itself can tell
the width. What the terminal showed is written to stdout as it came (ANSI escapes included, line
ends as the terminal driver made them: CR LF); the exit status is the child's.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def main():
    cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.setdefault("TERM", "xterm-256color")
    pid, fd = pty.fork()
    if pid == 0:
        # The child: its controlling terminal is the pty's slave; size it before exec.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvpe(argv[0], argv, env)
    deadline = time.monotonic() + 120
    out = bytearray()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    else:
        os.kill(pid, 9)
        sys.stderr.write("timed out\n")
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(bytes(out))
    sys.stdout.flush()
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8)


if __name__ == "__main__":
    main()
