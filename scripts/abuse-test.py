#!/usr/bin/env python3
"""Abuse of a live `kaml serve` on loopback, bounded in time; prints what the server held.

Scenarios, one after another, each followed by a check that GET /health answers within a second and a
reading of the server's RSS (from /proc, so run it on the server's machine):
  idle-declared   N connections each send POST /v1/predict declaring a 1 MiB body, send one byte, and wait
  slow-body       N connections trickle a body at 1 byte a second
  oversized       N requests declaring a body over the limit
  reload-storm    N concurrent POST /v1/reload (with the token, if given)
  whitespace      a body of spaces
Usage: abuse-test.py --port P --pid PID [--connections N] [--hold SECONDS] [--token-file F]
"""
import argparse, http.client, json, socket, threading, time


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def health_ms(port, timeout=1.0):
    start = time.monotonic()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request("GET", "/health")
        ok = c.getresponse().status == 200
        c.close()
        return (time.monotonic() - start) * 1000 if ok else None
    except OSError:
        return None


def open_declared(port, n, declared, first=b"{"):
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + f"Content-Length: {declared}\r\n\r\n".encode() + first)
            socks.append(s)
        except OSError:
            break
    return socks


def answers(socks):
    """Status codes the server sent before closing, per connection (None: nothing)."""
    codes = {}
    for s in socks:
        s.settimeout(0.2)
        try:
            data = s.recv(64)
            code = data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else ("closed" if data == b"" else "?")
        except OSError:
            code = "none"
        codes[code] = codes.get(code, 0) + 1
        s.close()
    return codes


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--connections", type=int, default=600)
    p.add_argument("--hold", type=float, default=5.0)
    p.add_argument("--token-file")
    a = p.parse_args()
    token = open(a.token_file).read().strip() if a.token_file else None
    rows = []

    def record(name, held, extra):
        time.sleep(0.5)
        rows.append((name, held, extra, health_ms(a.port), rss_mb(a.pid)))

    rows.append(("start", "", "", health_ms(a.port), rss_mb(a.pid)))
    socks = open_declared(a.port, a.connections, 1 << 20)
    time.sleep(a.hold)
    during = health_ms(a.port)
    record("idle-declared", f"{len(socks)} opened, /health during {during and round(during)} ms", answers(socks))

    socks = open_declared(a.port, min(a.connections, 50), 10_000)
    for _ in range(int(a.hold)):
        for s in socks:
            try:
                s.send(b" ")
            except OSError:
                pass
        time.sleep(1)
    record("slow-body", f"{len(socks)} trickling", answers(socks))

    socks = open_declared(a.port, min(a.connections, 100), 1 << 30)
    record("oversized", f"{len(socks)} declaring 1 GiB", answers(socks))

    codes = {}
    lock = threading.Lock()

    def reload():
        c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=60)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        c.request("POST", "/v1/reload", headers=headers)
        status = c.getresponse().status
        with lock:
            codes[status] = codes.get(status, 0) + 1

    start = time.monotonic()
    threads = [threading.Thread(target=reload) for _ in range(30)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    record("reload-storm", f"30 reloads in {time.monotonic() - start:.1f} s", codes)

    c = http.client.HTTPConnection("127.0.0.1", a.port, timeout=5)
    c.request("POST", "/v1/predict", body=b"   \n  ", headers={"Content-Type": "application/json"})
    r = c.getresponse()
    record("whitespace", "", {r.status: json.loads(r.read()).get("error", "")[:60]})

    print(f"{'scenario':<14} {'held':<44} {'answers':<40} {'/health ms':>10} {'RSS MB':>8}")
    for name, held, extra, ms, rss in rows:
        print(f"{name:<14} {held:<44} {str(extra):<40} {('-' if ms is None else f'{ms:.0f}'):>10} {rss:>8.0f}")


if __name__ == "__main__":
    main()
