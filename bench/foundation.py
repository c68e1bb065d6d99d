"""Measures the foundation figures against baselines taken in the same run.

Run through bench/foundation.sh, which builds the release and installs what
is needed. Everything runs on this machine: the server binary, wrk for load,
and Chromium for the first visit.
"""

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

BINARY = "target/release/voice"
PKG = "target/site/pkg"
DEMO_PASSWORD = "bench demo password"
POSTGRES_URL = os.environ.get("VOICE_TEST_POSTGRES_URL", "postgres://root@127.0.0.1:5432/test")
PORT = 3311
REPEATS = 5


def brotli_size(path):
    return len(subprocess.run(["brotli", "-c", "-q", "11", path], check=True, capture_output=True).stdout)


def release_sizes():
    print("## Release download sizes (target/site/pkg, brotli -q 11)")
    print(f"{'file':<12}{'raw bytes':>12}{'brotli bytes':>14}{'brotli/raw':>12}")
    for name in ["voice.wasm", "voice.js", "voice.css"]:
        path = os.path.join(PKG, name)
        raw, compressed = os.path.getsize(path), brotli_size(path)
        print(f"{name:<12}{raw:>12,}{compressed:>14,}{compressed / raw:>12.2f}")
    print()


def get(path, timeout=2.0):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def post_form(path, body):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


class Server:
    """The release binary serving one database, started and timed."""

    def __init__(self, database_url):
        self.database_url = database_url
        self.process = None

    def start(self):
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            VOICE_DEMO_PASSWORD=DEMO_PASSWORD,
            LEPTOS_SITE_ADDR=f"127.0.0.1:{PORT}",
            RUST_LOG="warn",
        )
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [BINARY, "serve", "--seed-demo-if-empty"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while True:
            try:
                if get("/sign-in") == 200:
                    return time.perf_counter() - started
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError("the server stopped while starting")
            time.sleep(0.002)

    def stop(self):
        self.process.terminate()
        self.process.wait()


def median_seconds(action):
    return statistics.median(action() for _ in range(REPEATS))


def startup():
    print(f"## Process start to first page served (/sign-in, median of {REPEATS})")

    def help_text():
        started = time.perf_counter()
        subprocess.run([BINARY, "--help"], check=True, capture_output=True)
        return time.perf_counter() - started

    def fresh_start():
        with tempfile.TemporaryDirectory() as folder:
            server = Server(f"sqlite://{folder}/voice.db")
            seconds = server.start()
            server.stop()
            return seconds

    folder = tempfile.mkdtemp()
    warm = Server(f"sqlite://{folder}/voice.db")
    warm.start()
    warm.stop()

    def warm_start():
        seconds = warm.start()
        warm.stop()
        return seconds

    baseline = median_seconds(help_text)
    rows = [
        ("baseline: voice --help (exec and exit)", baseline),
        ("new SQLite database (migrate, seed demo)", median_seconds(fresh_start)),
        ("existing SQLite database", median_seconds(warm_start)),
    ]
    shutil.rmtree(folder)
    for label, seconds in rows:
        print(f"{label:<44}{seconds * 1000:>9.1f} ms{seconds / baseline:>8.1f}x")
    print()


def first_visit():
    print("## First visit to /sign-in (fresh Chromium profile, 360x740, until hydrated)")
    with tempfile.TemporaryDirectory() as folder:
        server = Server(f"sqlite://{folder}/voice.db")
        server.start()
        try:
            output = subprocess.run(
                ["node", "bench/first-visit.cjs", f"http://127.0.0.1:{PORT}/sign-in"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        finally:
            server.stop()
    responses = json.loads(output)
    for response in responses:
        name = re.sub(r"^https?://[^/]+", "", response["url"])
        print(f"{name:<28}{response['transferred']:>10,} B on the wire{response['decoded']:>10,} B uncompressed")
    transferred = sum(r["transferred"] for r in responses)
    decoded = sum(r["decoded"] for r in responses)
    print(f"{'total, ' + str(len(responses)) + ' requests':<28}{transferred:>10,} B on the wire{decoded:>10,} B uncompressed")
    print(f"baseline: the same responses uncompressed; on the wire = {transferred / decoded:.2f} of it")
    other_hosts = [r["url"] for r in responses if not r["url"].startswith(f"http://127.0.0.1:{PORT}/")]
    print(f"requests to other hosts: {len(other_hosts)}")
    print()


def wrk(path, lua_body=None, seconds=10, connections=8):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    if lua_body is not None:
        script.write('wrk.method = "POST"\n')
        script.write(f'wrk.body = "{lua_body}"\n')
        script.write('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
    script.close()
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name,
         f"http://127.0.0.1:{PORT}{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    os.unlink(script.name)
    if "Non-2xx or 3xx responses" in result:
        raise RuntimeError(f"wrk saw failed requests on {path}:\n{result}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", result).group(1)
    return rate, p99


def sign_in_latency(login):
    started = time.perf_counter()
    status = post_form("/api/sign-in", f"login={login}&password=bench+demo+password")
    assert status == 200, status
    return time.perf_counter() - started


def sign_ins(label, database_url):
    print(f"## Sign-ins per second on {label} (argon2id m=19456 KiB, t=2, p=1; wrk, 8 connections, 10 s)")
    server = Server(database_url)
    server.start()
    try:
        baseline, baseline_p99 = wrk("/api/current-user", lua_body="")
        rate, p99 = wrk("/api/sign-in", lua_body="login=demo.young&password=bench+demo+password")
        known = statistics.median(sign_in_latency("demo.young") for _ in range(9))
        unknown = statistics.median(sign_in_latency(f"nobody{i}") for i in range(9))
    finally:
        server.stop()
    print(f"{'baseline: POST /api/current-user':<40}{baseline:>10,.0f}/s   p99 {baseline_p99}")
    print(f"{'POST /api/sign-in (right password)':<40}{rate:>10,.1f}/s   p99 {p99}   {rate / baseline:.4f} of baseline")
    print(f"one sign-in alone: known user {known * 1000:.1f} ms, unknown user {unknown * 1000:.1f} ms "
          f"(ratio {unknown / known:.2f}; the same time by design)")
    print()


def postgres_database():
    name = f"voice_bench_{os.getpid()}"
    subprocess.run(["psql", POSTGRES_URL, "-qc", f"CREATE DATABASE {name}"], check=True)
    return name, POSTGRES_URL.rsplit("/", 1)[0] + "/" + name


def main():
    print(f"# Voice foundation bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cores\n")
    release_sizes()
    startup()
    first_visit()
    with tempfile.TemporaryDirectory() as folder:
        sign_ins("SQLite", f"sqlite://{folder}/voice.db")
    name, url = postgres_database()
    try:
        sign_ins("PostgreSQL", url)
    finally:
        subprocess.run(["psql", POSTGRES_URL, "-qc", f"DROP DATABASE {name} WITH (FORCE)"], check=True)


if __name__ == "__main__":
    main()
