"""Checks on the transformed template for what moto cannot hold: the HTTP API's routes, the
schedules, CloudFront, and the table settings moto's CloudFormation ignores (TTL, PITR)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from .translate import dependency_cycle

Fail = Callable[[str], None]


def sam_events(sam: dict[str, Any], kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(binary, logical id, properties) of every event of `kind` in the SAM template."""
    out = []
    for logical, resource in sam["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        binary = resource["Metadata"]["BuildProperties"]["Binary"]
        for event in (resource["Properties"].get("Events") or {}).values():
            if event["Type"] == kind:
                out.append((binary, logical, event["Properties"]))
    return out


def runner_names(root: Path) -> dict[str, set[str]]:
    """The binaries infra/local/src/routes.rs hosts: handlers(), jobs(), consumers()."""
    text = (root / "infra/local/src/routes.rs").read_text()
    out = {}
    for fn in ("handlers", "jobs", "consumers"):
        body = re.search(rf"pub fn {fn}\(\)[^{{]*\{{(.*?)\n\}}", text, re.S)
        out[fn] = set(re.findall(r'\("([a-z0-9-]+)",', body.group(1))) if body else set()
    return out


def cycle(cfn: dict[str, Any], fail: Fail) -> str:
    found = dependency_cycle(cfn)
    if found:
        fail("dependency cycle: " + " -> ".join(found))
    return "no dependency cycle"


def routes(sam: dict[str, Any], cfn: dict[str, Any], root: Path, fail: Fail) -> str:
    paths = cfn["Resources"]["HttpApi"]["Properties"]["Body"]["paths"]
    count = 0
    for binary, logical, props in sam_events(sam, "HttpApi"):
        op = paths.get(props["Path"], {}).get(props["Method"].lower())
        uri = (op or {}).get("x-amazon-apigateway-integration", {}).get("uri", {}).get("Fn::Sub", "")
        if f"${{{logical}.Arn}}" not in uri:
            fail(f"{props['Method']} {props['Path']}: the HTTP API does not send it to {logical}")
        count += 1
    routed = sum(1 for item in paths.values() for m in item if m != "parameters")
    if routed != count:
        fail(f"the HTTP API has {routed} operations, the functions' events {count}")
    names = runner_names(root)
    served = {b for b, _, _ in sam_events(sam, "HttpApi")}
    if names["handlers"] != served:
        fail(f"routes.rs handlers() {sorted(names['handlers'] ^ served)} differ from the template")
    scheduled = {b for b, _, _ in sam_events(sam, "Schedule")}
    if names["jobs"] != scheduled:
        fail(f"routes.rs jobs() {sorted(names['jobs'])}, template schedules {sorted(scheduled)}")
    consumers = {b for b, _, _ in sam_events(sam, "SQS")}
    if names["consumers"] != consumers:
        fail(f"routes.rs consumers() {sorted(names['consumers'])}, template {sorted(consumers)}")
    return (f"{count} routes, each to its function; the runner hosts the same "
            f"{len(served)} handlers, {len(scheduled)} jobs, {len(consumers)} consumer")


def schedules(sam: dict[str, Any], cfn: dict[str, Any], fail: Fail) -> str:
    rules = {
        r["Properties"]["Targets"][0]["Arn"]["Fn::GetAtt"][0]: r["Properties"]["ScheduleExpression"]
        for r in cfn["Resources"].values() if r["Type"] == "AWS::Events::Rule"
    }
    said = []
    for binary, logical, props in sam_events(sam, "Schedule"):
        expr = props["Schedule"]
        if not re.fullmatch(r"rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\)", expr):
            fail(f"{binary}: schedule {expr!r}")
        if rules.get(logical) != expr:
            fail(f"{binary}: no EventBridge rule {expr} targets {logical}")
        said.append(f"{binary} {expr}")
    return "schedules: " + ", ".join(sorted(said))


def table_settings(cfn: dict[str, Any], fail: Fail) -> str:
    props = cfn["Resources"]["Table"]["Properties"]
    ttl = props.get("TimeToLiveSpecification", {})
    if not (ttl.get("Enabled") and ttl.get("AttributeName") == "expires_at"):
        fail(f"table: TTL {ttl}")
    if not props.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled"):
        fail("table: point-in-time recovery is off")
    return "table: TTL on expires_at, point-in-time recovery (template: moto ignores both)"


def site(cfn: dict[str, Any], fail: Fail) -> str:
    config = cfn["Resources"]["SiteDistribution"]["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in config["Origins"]}
    api = [b for b in config.get("CacheBehaviors", []) if b["PathPattern"] == "/api/*"]
    if not api or "HttpApi" not in str(origins[api[0]["TargetOriginId"]]["DomainName"]):
        fail("CloudFront: /api/* does not go to the HTTP API")
    if "SiteBucket" not in str(origins[config["DefaultCacheBehavior"]["TargetOriginId"]]["DomainName"]):
        fail("CloudFront: the default behaviour does not serve the site bucket")
    policy = str(cfn["Resources"]["SiteBucketPolicy"]["Properties"]["PolicyDocument"])
    if "SiteDistribution" not in policy:
        fail("SiteBucketPolicy: not limited to the distribution")
    return "CloudFront: the site bucket by default, /api/* to the HTTP API; the bucket reads only for it"
