#!/usr/bin/python3
"""The notebook's way of syncing SQuaSH into InfluxDB, as a script: the benchmark's contender (a).

A port of the original "Sending SQuaSH data to InfluxDB" notebook, kept as it worked:
one GET /jobs, then one GET /job/<id> per job with requests (no session: a new connection each),
one POST /write per line (a new connection and one fsynced write each), no retries; one
measurement per package, a field per full metric name, every meta entry but packages and env as a
tag (string values quoted and only spaces escaped, as the notebook did), tag dataset = ci_dataset,
time = date_created, jobs of datasets 'unknown' and 'decam' skipped.

One change, so that its values are comparable with squash-influx's: a null value is left out of
its line; the notebook wrote `metric=None`, which makes InfluxDB reject the whole line and lose the
job's other metrics of that package.

Usage: notebook.py SQUASH_URL INFLUX_URL DB [MAX_JOBS]
MAX_JOBS (optional) syncs only the first jobs listed, for extrapolating a long run per job.
Prints one line: `notebook: jobs=J lines=L fields=F rejected=R`.
"""
import sys
from datetime import datetime

import requests
from dateutil.parser import parse
from pytz import UTC

SKIPPED_DATASETS = ("unknown", "decam")


def format_timestamp(date):
    """date_created in nanoseconds since the epoch, as the notebook computed it."""
    epoch = UTC.localize(datetime.utcfromtimestamp(0))
    return int((parse(date) - epoch).total_seconds() * 1e9)


def format_tags(job):
    """Every meta entry but packages and env, quoted when a string; only spaces escaped."""
    tags = []
    for key, value in job["meta"].items():
        if key in ("packages", "env"):
            continue
        if isinstance(value, str):
            value = '"{}"'.format(value)
        tags.append("{}={}".format(key, value).replace(" ", "\\ "))
    tags.append("dataset={}".format(job["ci_dataset"]).replace(" ", "\\ "))
    return ",".join(tags)


def job_to_lines(job):
    """One line per verification package: its metrics as fields, the job's meta as tags."""
    timestamp = format_timestamp(job["date_created"])
    tags = format_tags(job)
    fields_by_package = {}
    for measurement in job["measurements"]:
        if measurement["value"] is None:
            continue  # the notebook wrote `metric=None` here; see the module comment
        package = measurement["metric"].split(".")[0]
        fields_by_package.setdefault(package, []).append(
            "{}={}".format(measurement["metric"], measurement["value"]))
    return [
        ("{},{} {} {}".format(package, tags, ",".join(fields), timestamp), len(fields))
        for package, fields in fields_by_package.items()
    ]


def main():
    squash_url, influx_url, db = sys.argv[1], sys.argv[2], sys.argv[3]
    max_jobs = int(sys.argv[4]) if len(sys.argv) > 4 else None
    requests.post(influx_url + "/query", params={"q": 'CREATE DATABASE "{}"'.format(db)})
    ids = requests.get(squash_url + "/jobs").json()["ids"]
    if max_jobs is not None:
        ids = ids[:max_jobs]
    jobs = lines = fields = rejected = 0
    for job_id in ids:
        job = requests.get("{}/job/{}".format(squash_url, job_id)).json()
        jobs += 1
        if job["ci_dataset"] in SKIPPED_DATASETS:
            continue
        for line, count in job_to_lines(job):
            r = requests.post(influx_url + "/write", params={"db": db}, data=line.encode("utf-8"))
            if r.status_code == 204:
                lines += 1
                fields += count
            else:
                rejected += 1
    print("notebook: jobs={} lines={} fields={} rejected={}".format(jobs, lines, fields, rejected))


if __name__ == "__main__":
    main()
