#!/usr/bin/env python3
"""The inspector's browser check (run by .ci/inspector, which prepares the emulator).

    inspector-check.py CHROMIUM ENDPOINT SCREENSHOT WORKDIR

Waits until fc3-local's JSON API shows the scenario's three tasks over, then loads the
inspector page in headless Chromium, parses the DOM the page's script rendered and asserts
that the tasks and their states are shown (the success, the retried failure with its retries,
the destination record delivered to sink, and the record's row); then saves a screenshot.
Exits non-zero, saying what is missing, when the page does not show them.
"""

import html.parser
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

# What the scenario in .ci/inspector did; these are the wire's values, as a client sees them.
SUCCESS = ("echo", "inspector-success", "Succeeded")
FAILURE = ("fail", "inspector-failure", "Failed")
FLAKY = ("flaky", "inspector-flaky", "Succeeded")
SINK = "sink"
FAILURE_TRIES = 3  # the first try and two retries

# Chromium without a network: no background requests, no sandbox (CI runs as root), a fresh
# profile. virtual-time-budget lets the page's fetches and first renders finish before the
# DOM is dumped or the screenshot taken.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--virtual-time-budget=4000",
]


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def wait_for_scenario(endpoint, deadline):
    """The API's tasks once the three tasks and sink's record are over."""
    index = get(endpoint + "/_fc3/api")
    final = set(index["finalStatuses"])
    while True:
        tasks = get(endpoint + "/_fc3/api/tasks?limit=100")["tasks"]
        by_key = {(t["function"], t["taskId"]): t for t in tasks}
        ours = [by_key.get((f, t)) for f, t, _ in (SUCCESS, FAILURE, FLAKY)]
        records = [t for t in tasks if t["function"] == SINK and t["deliveredRecord"]]
        if all(t and t["status"] in final for t in ours) and any(t["status"] in final for t in records):
            return tasks
        if time.time() > deadline:
            sys.exit(f"the scenario's tasks did not end within the time: {json.dumps(tasks, indent=1)}")
        time.sleep(0.1)


class Dom(html.parser.HTMLParser):
    """What the check reads of the rendered page: tasks, their timelines, record rows."""

    def __init__(self):
        super().__init__()
        self.body = {}
        self.tasks = []
        self.records = []
        self._task = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "body":
            self.body = attrs
        if self._task is not None:
            self._depth += 1
        if tag == "article" and "task" in classes:
            self._task = {**attrs, "steps": [], "text": ""}
            self._depth = 1
        elif tag == "li" and "step" in classes and self._task is not None:
            self._task["steps"].append(attrs)
        elif tag == "tr" and "record" in classes:
            self.records.append(attrs)

    def handle_endtag(self, tag):
        if self._task is not None:
            self._depth -= 1
            if self._depth == 0:
                self.tasks.append(self._task)
                self._task = None

    def handle_data(self, data):
        if self._task is not None:
            self._task["text"] += data


def chromium(binary, workdir, *args):
    with tempfile.TemporaryDirectory(dir=workdir, prefix="profile-") as profile:
        run = subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
    with open(os.path.join(workdir, "chromium.log"), "a") as log:
        log.write(run.stderr)
    if run.returncode != 0:
        sys.exit(f"chromium exited with {run.returncode}:\n{run.stderr[-2000:]}")
    return run.stdout


def check(dom):
    problems = []
    if dom.body.get("data-state") != "live":
        problems.append(f"the page is not live (body data-state={dom.body.get('data-state')!r})")
    by_key = {(t.get("data-function"), t.get("data-task-id")): t for t in dom.tasks}

    def task(function, task_id, status):
        found = by_key.get((function, task_id))
        if found is None:
            problems.append(f"no task {function}/{task_id} on the page")
            return None
        if found.get("data-status") != status:
            problems.append(f"{function}/{task_id} shows {found.get('data-status')!r}, not {status!r}")
        if task_id not in found["text"] or status not in found["text"]:
            problems.append(f"{function}/{task_id}: its id or status is not in its text")
        return found

    def statuses(found):
        return [s.get("data-status") for s in found["steps"]]

    success = task(*SUCCESS)
    if success and statuses(success)[-1:] != [SUCCESS[2]]:
        problems.append(f"the success's timeline: {statuses(success)}")
    failure = task(*FAILURE)
    if failure:
        steps = statuses(failure)
        if steps.count("Running") != FAILURE_TRIES or steps.count("Retrying") != FAILURE_TRIES - 1:
            problems.append(f"the failure's timeline does not show {FAILURE_TRIES} tries and their retries: {steps}")
        if steps[-1:] != [FAILURE[2]]:
            problems.append(f"the failure's timeline does not end {FAILURE[2]}: {steps}")
        if "UnhandledInvocationError" not in failure["text"]:
            problems.append("the failure's error is not shown")
    flaky = task(*FLAKY)
    if flaky and "Retrying" not in statuses(flaky):
        problems.append(f"the flaky task's retry is not shown: {statuses(flaky)}")
    records = [t for t in dom.tasks if t.get("data-function") == SINK and t.get("data-delivered-record") == "true"]
    if not any(t.get("data-status") == "Succeeded" for t in records):
        problems.append(f"no destination record delivered to {SINK} among the tasks shown")
    rows = [
        r
        for r in dom.records
        if r.get("data-source-function") == SUCCESS[0]
        and r.get("data-source-task") == SUCCESS[1]
        and r.get("data-target-function") == SINK
        and r.get("data-destination") == "onSuccess"
    ]
    if not rows:
        problems.append(f"no record row from {SUCCESS[0]}/{SUCCESS[1]} to {SINK} (rows: {dom.records})")
    return problems


def main():
    binary, endpoint, screenshot, workdir = sys.argv[1:5]
    workdir = os.path.abspath(workdir)
    started = time.time()
    wait_for_scenario(endpoint, started + 30)
    page = endpoint + "/_fc3/"
    rendered = chromium(binary, workdir, "--dump-dom", page)
    with open(os.path.join(workdir, "inspector-dom.html"), "w") as saved:
        saved.write(rendered)
    dom = Dom()
    dom.feed(rendered)
    problems = check(dom)
    if problems:
        print("the inspector page does not show the scenario:", file=sys.stderr)
        for problem in problems:
            print("  - " + problem, file=sys.stderr)
        sys.exit(1)
    screenshot = os.path.abspath(screenshot)
    chromium(binary, workdir, "--window-size=1400,1500", f"--screenshot={screenshot}", page)
    size = os.path.getsize(screenshot) if os.path.exists(screenshot) else 0
    if size < 10_000:
        sys.exit(f"the screenshot {screenshot} is missing or blank ({size} bytes)")
    shown = ", ".join(f"{t.get('data-function')}/{t.get('data-task-id') or '-'} {t.get('data-status')}" for t in dom.tasks)
    print(f"the inspector shows {len(dom.tasks)} tasks ({shown}) and {len(dom.records)} destination record(s)")
    print(f"screenshot: {screenshot} ({size // 1024} KiB); took {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
