"""What a first visit costs: bytes, time to ready on a slow phone, Lighthouse,
and how fast the static files come, for this checkout's release build and,
when given, an older checkout's, both measured in the same run.

Run through bench/first-visit.sh, which builds the releases and installs what
is needed: python3 bench/first-visit.py RESULTS_STEM [OLD_CHECKOUT]
FIGURES="1 4" (say) measures only those figures; all four by default.
Every figure is printed as a table, the older build beside this one.
"""

import http.client
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

DEMO_PASSWORD = "bench demo password"
YOUNG = "demo.young"
OFFICER = "officer@voice.example"
FACILITATOR = "facilitator@voice.example"
TIMED_RUNS = 3
CURL_RUNS = 5
WRK_SECONDS = 10
# Lighthouse's mobile conditions, applied through the DevTools protocol.
THROTTLE = {
    "latencyMs": 150,
    "downloadBitsPerSecond": 1_600_000,
    "uploadBitsPerSecond": 750_000,
    "cpuSlowdown": 4,
}
TYPES = ["document", "script", "wasm", "css", "other"]
STATIC_PREFIX = "bench-static-"


def log(message):
    print(message, file=sys.stderr, flush=True)


class Build:
    """One checkout's release build, served on its own port."""

    def __init__(self, label, checkout, port, results):
        self.label = label
        self.checkout = os.path.abspath(checkout)
        self.port = port
        self.site_root = os.path.join(self.checkout, "target", "site")
        self.binary = os.path.join(self.checkout, "target", "release", "voice")
        self.results = results
        self.process = None
        self.folder = None
        self.base = f"http://127.0.0.1:{port}"

    # -- the server ------------------------------------------------------

    def start(self, phase):
        """Starts the binary on a fresh SQLite file and waits for /sign-in."""
        self.folder = tempfile.mkdtemp(prefix=f"voice-first-visit-{self.label}-")
        self.database = os.path.join(self.folder, "voice.db")
        env = dict(os.environ)
        env.update(
            DATABASE_URL=f"sqlite://{self.database}",
            VOICE_DEMO_PASSWORD=DEMO_PASSWORD,
            LEPTOS_SITE_ADDR=f"127.0.0.1:{self.port}",
            LEPTOS_SITE_ROOT=self.site_root,
            LEPTOS_SITE_PKG_DIR="pkg",
            LEPTOS_OUTPUT_NAME="voice",
            RUST_LOG="warn",
        )
        output = open(f"{self.results}-{self.label}-server-{phase}.log", "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--seed-demo-if-empty"],
            cwd=self.checkout,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if self.request("GET", "/sign-in")[0] == 200:
                    # The newer build compresses its files right after it starts.
                    time.sleep(2)
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.label}: the server stopped while starting (see its log)")
            time.sleep(0.05)
        raise RuntimeError(f"{self.label}: the server did not answer within 120 s")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait()
            self.process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def request(self, method, path, form=None, cookies=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def call(self, endpoint, form, cookies=None):
        """A server function, called as a form without script would."""
        status, headers, body = self.request("POST", f"/api/{endpoint}", form, cookies)
        if status >= 400:
            raise RuntimeError(f"{self.label}: {endpoint} answered {status}: {body[:300]}")
        return headers, body

    # -- the demo data ---------------------------------------------------

    def sign_in(self, login):
        headers, body = self.call("sign-in", {"login": login, "password": DEMO_PASSWORD})
        cookie = cookie_value(headers, "voice_session")
        if not cookie:
            raise RuntimeError(f"{self.label}: sign-in as {login} gave no session: {body[:300]}")
        return cookie

    def set_up(self):
        """Signs the three demo accounts in and opens a live session with a
        poll shown, which a phone joins by its code."""
        self.young = self.sign_in(YOUNG)
        self.officer = self.sign_in(OFFICER)
        facilitator = {"voice_session": self.sign_in(FACILITATOR)}
        _, body = self.call(
            "create-session",
            {"forum_id": "1", "title": "December LACC", "held_on": "2026-11-24", "min_answers": "3"},
            facilitator,
        )
        found = re.search(r"/facilitator/sessions/([A-Za-z0-9_-]+)", body)
        if not found:
            raise RuntimeError(f"{self.label}: create-session: {body[:300]}")
        self.session = found.group(1)
        _, body = self.call(
            "add-activity",
            {"session_id": self.session, "kind": "single_choice", "prompt": "Where shall we go?",
             "options": "Bowling\nCinema"},
            facilitator,
        )
        if "Redirect" not in body:
            raise RuntimeError(f"{self.label}: add-activity: {body[:300]}")
        _, body = self.call("open-session", {"session_id": self.session}, facilitator)
        if "Redirect" not in body:
            raise RuntimeError(f"{self.label}: open-session: {body[:300]}")
        with sqlite3.connect(self.database) as db:
            code = db.execute("SELECT join_code FROM live_sessions WHERE id = ?", (self.session,)).fetchone()[0]
            activity = db.execute(
                "SELECT id FROM live_activities WHERE session_id = ? AND position = 1", (self.session,)
            ).fetchone()[0]
        _, body = self.call(
            "show-activity", {"session_id": self.session, "activity_id": str(activity)}, facilitator
        )
        if "Redirect" not in body:
            raise RuntimeError(f"{self.label}: show-activity: {body[:300]}")
        headers, body = self.call("join-session", {"code": code.lower()})
        self.seat = cookie_value(headers, "voice_seat")
        if f"/live/{self.session}" not in body or not self.seat:
            raise RuntimeError(f"{self.label}: join-session: {body[:300]}")

    def pages(self):
        """The first visits measured: (name, path, cookies)."""
        young = [("voice_session", self.young)]
        return [
            ("/sign-in", "/sign-in", []),
            ("/join", "/join", []),
            ("young /", "/", young),
            ("young /surveys", "/surveys", young),
            ("young /promises/rate/1", "/promises/rate/1", young),
            ("young /rights", "/rights", young),
            ("phone /live/{id}", f"/live/{self.session}", [("voice_seat", self.seat)]),
            ("officer /officer/surveys", "/officer/surveys", [("voice_session", self.officer)]),
        ]

    def timed_pages(self):
        names = ["/sign-in", "young /", "young /promises/rate/1", "phone /live/{id}"]
        return [page for page in self.pages() if page[0] in names]

    # -- the static baseline ---------------------------------------------

    def write_static_copies(self):
        """For each timed page, a static file of the same size in bytes: the
        page's own HTML with its scripts and preloads turned into comments of
        the same length (and islands renamed), so the browser has the same
        bytes and stylesheet to load and nothing to run."""
        self.static = {}
        for name, path, cookies in self.timed_pages():
            status, _, html = self.request("GET", path, cookies=dict(cookies))
            if status != 200:
                raise RuntimeError(f"{self.label}: {path} answered {status}")
            raw = html.encode("utf-8")
            copy = re.sub(rb"<script\b.*?</script>", commented, raw, flags=re.S)
            copy = re.sub(rb"<link\b[^>]*\brel=\"?(?:modulepreload|preload)\b[^>]*>", commented, copy)
            copy = copy.replace(b"leptos-island", b"static-island")
            assert len(copy) == len(raw)
            file_name = STATIC_PREFIX + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html"
            with open(os.path.join(self.site_root, file_name), "wb") as out:
                out.write(copy)
            self.static[name] = (f"/{file_name}", len(copy))

    def remove_static_copies(self):
        for file_name in os.listdir(self.site_root):
            if file_name.startswith(STATIC_PREFIX):
                os.unlink(os.path.join(self.site_root, file_name))


def commented(match):
    """A comment exactly as long as the matched text."""
    text = match.group(0)
    inner = text.replace(b"-", b"_").replace(b">", b")")[: len(text) - 7]
    return b"<!--" + inner + b"-->"


def cookie_value(headers, name):
    for header, value in headers:
        if header.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


# -- figures ----------------------------------------------------------------


def run_plan(visits, stem, name):
    plan_path = f"{stem}-{name}-plan.json"
    with open(plan_path, "w") as out:
        json.dump({"throttle": THROTTLE, "visits": visits}, out)
    output = subprocess.run(
        ["node", "bench/first-visit.cjs", "--plan", plan_path],
        check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    return {result["id"]: result for result in json.loads(output)}


def job(build, name, path, cookies, throttled=False, run=0):
    return {
        "id": f"{build.label}|{name}|{run}",
        "url": build.base + path,
        "cookies": [{"name": n, "value": v} for n, v in cookies],
        "throttled": throttled,
    }


def bytes_by_type(result):
    totals = {kind: 0 for kind in TYPES}
    for response in result["responses"]:
        totals[response["type"]] += response["transferred"]
    totals["total"] = sum(totals[kind] for kind in TYPES)
    # Requests answered from the browser's memory (the WebAssembly fetched
    # again after its preload) move no bytes and are not counted.
    totals["requests"] = sum(1 for r in result["responses"] if r["transferred"] > 0 or r["open"])
    return totals


def figure_bytes(builds, stem, raw):
    log("figure 1: bytes of a first visit")
    visits = []
    for index, (name, _, _) in enumerate(builds[0].pages()):
        for build in builds:
            _, path, cookies = build.pages()[index]
            visits.append(job(build, name, path, cookies))
    results = run_plan(visits, stem, "bytes")
    raw["bytes"] = results
    rows = []
    for name, _, _ in builds[0].pages():
        per_build = [bytes_by_type(results[f"{b.label}|{name}|0"]) for b in builds]
        for kind in TYPES + ["total"]:
            values = [totals[kind] for totals in per_build]
            if kind != "total" and not any(values):
                continue
            label = name if kind == "document" else ""
            if kind == "total":
                label = f"  ({', '.join(str(t['requests']) for t in per_build)} requests)"
            rows.append([label, kind] + [f"{v:,}" for v in values] + ratio(values))
    print_table(
        "1. Bytes on the wire for a first visit (CDP encodedDataLength, headers included; "
        "fresh Chromium context, 360x740, until load, hydrated where the page hydrates, network idle)",
        ["page", "type"] + [f"{b.label} B" for b in builds] + ratio_header(builds),
        rows,
    )
    return results


def figure_ready(builds, stem, raw):
    log("figure 2: time to ready, throttled")
    visits = []
    for run in range(TIMED_RUNS):
        for index, (name, _, _) in enumerate(builds[0].timed_pages()):
            for build in builds:
                _, path, cookies = build.timed_pages()[index]
                visits.append(job(build, name, path, cookies, throttled=True, run=run))
                static_path, _ = build.static[name]
                visits.append(job(build, "static " + name, static_path, [], throttled=True, run=run))
    results = run_plan(visits, stem, "ready")
    raw["ready"] = results

    def median(label, name, field="readyMs"):
        return statistics.median(results[f"{label}|{name}|{run}"][field] for run in range(TIMED_RUNS))

    rows = []
    for name, _, _ in builds[0].timed_pages():
        page = [median(b.label, name) for b in builds]
        static = [median(b.label, "static " + name) for b in builds]
        paint = [median(b.label, name, "firstContentfulPaintMs") for b in builds]
        sizes = [b.static[name][1] for b in builds]
        hydrates = ["hydrated" if results[f"{b.label}|{name}|0"]["hydrates"] else "load" for b in builds]
        rows.append([name, "page ready (" + "/".join(hydrates) + ")"] + [f"{v:,.0f}" for v in page] + ratio(page))
        rows.append(["", "first contentful paint"] + [f"{v:,.0f}" for v in paint] + ratio(paint))
        rows.append(["", "baseline: static copy, " + "/".join(f"{s:,}" for s in sizes) + " B"]
                    + [f"{v:,.0f}" for v in static] + ratio(static))
        rows.append(["", "page / baseline"] + [f"{p / s:.2f}" for p, s in zip(page, static)] + [""] * len(ratio(page)))
    print_table(
        f"2. Time to ready, ms from navigation start, median of {TIMED_RUNS} fresh contexts "
        f"(CDP throttling: {THROTTLE['latencyMs']} ms latency, 1.6 Mbit/s down, 750 kbit/s up, "
        f"CPU {THROTTLE['cpuSlowdown']}x slower); ready = load event, and hydrated where the page hydrates",
        ["page", "figure"] + [f"{b.label} ms" for b in builds] + ratio_header(builds),
        rows,
    )


def lighthouse(build, path, cookies, stem, name):
    report = f"{stem}-{build.label}-lighthouse-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}.json"
    command = [
        "bench/node_modules/.bin/lighthouse", build.base + path,
        "--quiet", "--only-categories=performance", "--output=json", f"--output-path={report}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ]
    if cookies:
        command.append("--extra-headers=" + json.dumps({"Cookie": "; ".join(f"{n}={v}" for n, v in cookies)}))
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(report) as data:
        result = json.load(data)
    audits = result["audits"]
    return {
        "score": result["categories"]["performance"]["score"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tti": audits["interactive"]["numericValue"],
        "warnings": result.get("runWarnings", []),
    }


def figure_lighthouse(builds, stem, raw):
    log("figure 3: Lighthouse")
    names = ["/sign-in", "young /"]
    rows = []
    raw["lighthouse"] = {}
    for name in names:
        found = []
        for build in builds:
            _, path, cookies = next(p for p in build.pages() if p[0] == name)
            found.append(lighthouse(build, path, cookies, stem, name))
            raw["lighthouse"][f"{build.label}|{name}"] = found[-1]
        for key, label, fmt in [
            ("score", "performance score", "{:.2f}"),
            ("tbt", "total blocking time, ms", "{:,.0f}"),
            ("lcp", "largest contentful paint, ms", "{:,.0f}"),
            ("fcp", "first contentful paint, ms", "{:,.0f}"),
            ("tti", "time to interactive, ms", "{:,.0f}"),
        ]:
            values = [result[key] for result in found]
            rows.append([name if key == "score" else "", label] + [fmt.format(v) for v in values] + ratio(values))
    print_table(
        "3. Lighthouse 12.2.3, mobile defaults (simulated throttling), one run per page",
        ["page", "figure"] + [b.label for b in builds] + ratio_header(builds),
        rows,
    )


def curl_times(url):
    runs = []
    for _ in range(CURL_RUNS):
        output = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-H", "Accept-Encoding: br",
             "-w", "%{http_code} %{size_download} %{time_starttransfer} %{time_total}", url],
            check=True, stdout=subprocess.PIPE, text=True,
        ).stdout.split()
        if output[0] != "200":
            raise RuntimeError(f"{url} answered {output[0]}")
        runs.append((int(output[1]), float(output[2]) * 1000, float(output[3]) * 1000))
    return runs


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t1", "-c1", f"-d{WRK_SECONDS}s", "--latency", "-H", "Accept-Encoding: br, gzip", url],
        check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw failed requests on {url}:\n{output}")
    figures = {"rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for percent in ["50", "90", "99"]:
        value, unit = re.search(percent + r"%\s+([\d.]+)(us|ms|s)\b", output).groups()
        figures["p" + percent] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    value, unit = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\b", output).groups()
    figures["max"] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    figures["output"] = output
    return figures


def figure_static(builds, visits, raw):
    log("figure 4: static files")

    def bundle_path(build, name, kind):
        result = visits[f"{build.label}|{name}|0"]
        url = next(r["url"] for r in result["responses"] if r["type"] == kind and "/pkg/" in r["url"])
        return urllib.parse.urlparse(url).path

    rows = []
    curl = {}
    for build in builds:
        wasm = bundle_path(build, "phone /live/{id}", "wasm")
        curl[build.label] = (wasm, curl_times(build.base + wasm))
    raw["curl"] = curl
    sizes = [curl[b.label][1][0][0] for b in builds]
    slowest = [max(run[2] for run in curl[b.label][1]) for b in builds]
    start = [statistics.median(run[1] for run in curl[b.label][1]) for b in builds]
    total = [statistics.median(run[2] for run in curl[b.label][1]) for b in builds]
    rows.append(["wasm, Accept-Encoding: br", "path", *(curl[b.label][0] for b in builds), *[""] * len(ratio(sizes))])
    rows.append(["", "bytes sent (br)", *(f"{v:,}" for v in sizes), *ratio(sizes)])
    rows.append(["", f"time to first byte, median of {CURL_RUNS}, ms", *(f"{v:.2f}" for v in start), *ratio(start)])
    rows.append(["", f"time to last byte, median of {CURL_RUNS}, ms", *(f"{v:.2f}" for v in total), *ratio(total)])
    rows.append(["", f"time to last byte, slowest of {CURL_RUNS}, ms", *(f"{v:.2f}" for v in slowest), *ratio(slowest)])

    raw["wrk"] = {}
    for name, target in [("css file", None), ("baseline: /sign-in", "/sign-in")]:
        found = []
        for build in builds:
            path = target or bundle_path(build, "/sign-in", "css")
            found.append(wrk(build.base + path))
            raw["wrk"][f"{build.label}|{name}"] = dict(found[-1], path=path)
        for key, label, fmt in [
            ("rate", "requests/s", "{:,.0f}"),
            ("p50", "latency p50, ms", "{:.3f}"),
            ("p90", "latency p90, ms", "{:.3f}"),
            ("p99", "latency p99, ms", "{:.3f}"),
            ("max", "slowest request, ms", "{:.3f}"),
        ]:
            values = [figures[key] for figures in found]
            rows.append([name if key == "rate" else "", label, *(fmt.format(v) for v in values), *ratio(values)])
    print_table(
        f"4. Static files: the wasm by curl (a new connection each time); then wrk on one kept-open "
        f"connection for {WRK_SECONDS} s (-t1 -c1, Accept-Encoding: br, gzip), the css file beside /sign-in",
        ["file", "figure"] + [b.label for b in builds] + ratio_header(builds),
        rows,
    )


# -- tables -----------------------------------------------------------------


def ratio(values):
    if len(values) < 2:
        return []
    before, after = values[0], values[1]
    return [f"{after / before:.2f}" if before else "-"]


def ratio_header(builds):
    return ["after/before"] if len(builds) > 1 else []


def print_table(title, header, rows):
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    print(f"## {title}\n")
    line = lambda cells: "| " + " | ".join(
        str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths))
    ) + " |"
    print(line(header))
    print("|" + "|".join(("-" * (w + 2)) if i < 2 else ("-" * (w + 1) + ":") for i, w in enumerate(widths)) + "|")
    for row in rows:
        print(line(row))
    print(flush=True)


def git_describe(checkout):
    return subprocess.run(
        ["git", "-C", checkout, "log", "-1", "--format=%h %s"], stdout=subprocess.PIPE, text=True
    ).stdout.strip()


def main():
    stem = sys.argv[1]
    builds = []
    if len(sys.argv) > 2:
        builds.append(Build("before", sys.argv[2], 3322, stem))
    builds.append(Build("after" if len(builds) else "this", ".", 3321, stem))
    print(f"# Voice first-visit bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start\n")
    for build in builds:
        print(f"- {build.label}: {build.checkout} ({git_describe(build.checkout)}), port {build.port}")
    print()
    raw = {}
    try:
        # First a server per build to render the timed pages, whose static
        # copies are written into the site root before the measured servers
        # start (the newer build reads its site files once, at start).
        for build in builds:
            build.remove_static_copies()
            build.start("setup")
            build.set_up()
            build.write_static_copies()
            build.stop()
        for build in builds:
            build.start("measured")
            build.set_up()
        wanted = os.environ.get("FIGURES", "1 2 3 4").split()
        if "1" in wanted:
            visits = figure_bytes(builds, stem, raw)
        else:
            # Figure 4 finds the bundle's file names in these visits.
            visits = run_plan(
                [job(b, name, path, cookies) for b in builds for name, path, cookies in b.pages()
                 if name in ("/sign-in", "phone /live/{id}")],
                stem, "names",
            )
        if "2" in wanted:
            figure_ready(builds, stem, raw)
        if "3" in wanted:
            figure_lighthouse(builds, stem, raw)
        if "4" in wanted:
            figure_static(builds, visits, raw)
    finally:
        for build in builds:
            build.stop()
            build.remove_static_copies()
        with open(f"{stem}.json", "w") as out:
            json.dump(raw, out, indent=1, default=str)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
