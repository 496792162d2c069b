"""Least privilege: what each function's role may do, read from the transformed template.

A grant is (action, resource), the resource named after the template's logical id:
`Table`, `Table/index/gsi2`, `NotificationsQueue`, `FilesBucket`, `FilesBucket/files/*`.
infra/privileges.json is the expected list; any difference, any `*` in an action or a
resource, and any AWS-managed policy not listed there fails the check.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def resource_name(node: Any) -> str:
    """A policy resource as `Logical[/suffix]`; anything else spelled out, to fail the check."""
    if isinstance(node, str):
        return node
    if isinstance(node, dict) and "Fn::GetAtt" in node:
        target, attr = node["Fn::GetAtt"]
        return target if attr == "Arn" else f"{target}.{attr}"
    if isinstance(node, dict) and isinstance(node.get("Fn::Sub"), str):
        return re.sub(r"\$\{([A-Za-z0-9]+)\.Arn\}", r"\1", node["Fn::Sub"])
    return repr(node)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def role_of(cfn: dict[str, Any], function: str) -> dict[str, Any]:
    role = cfn["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    return cfn["Resources"][role]["Properties"]


def functions(cfn: dict[str, Any]) -> dict[str, str]:
    """Binary name → logical id of every Lambda function built from the workspace."""
    out = {}
    for name, resource in cfn["Resources"].items():
        if resource["Type"] == "AWS::Lambda::Function":
            binary = resource.get("Metadata", {}).get("BuildProperties", {}).get("Binary")
            if binary:
                out[binary] = name
    return out


def actual(cfn: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Binary → {"managed": [...], "grants": {action: [resources]}} from the roles."""
    out: dict[str, dict[str, Any]] = {}
    for binary, function in sorted(functions(cfn).items()):
        role = role_of(cfn, function)
        grants: dict[str, set[str]] = {}
        for policy in role.get("Policies", []):
            for statement in _as_list(policy["PolicyDocument"]["Statement"]):
                if statement.get("Effect") != "Allow":
                    continue
                for action in _as_list(statement["Action"]):
                    names = {resource_name(r) for r in _as_list(statement["Resource"])}
                    grants.setdefault(action, set()).update(names)
        managed = [arn.rsplit("/", 1)[-1] for arn in role.get("ManagedPolicyArns", [])]
        out[binary] = {
            "managed": sorted(managed),
            "grants": {a: sorted(r) for a, r in sorted(grants.items())},
        }
    return out


def problems(expected: dict[str, Any], found: dict[str, dict[str, Any]]) -> list[str]:
    """Every way the roles differ from the expected list, or grant a wildcard."""
    errors = []
    allowed_managed = set(expected["managed_policies"])
    want = expected["functions"]
    for binary in sorted(set(want) | set(found)):
        if binary not in found:
            errors.append(f"{binary}: in infra/privileges.json, not in the template")
            continue
        if binary not in want:
            errors.append(f"{binary}: its role is not in infra/privileges.json: {found[binary]['grants']}")
            continue
        have = found[binary]
        for policy in have["managed"]:
            if policy not in allowed_managed:
                errors.append(f"{binary}: managed policy {policy} is not allowed")
        if have["managed"] != sorted(want[binary].get("managed", expected["default_managed"])):
            errors.append(f"{binary}: managed policies {have['managed']}, expected "
                          f"{sorted(want[binary].get('managed', expected['default_managed']))}")
        wanted = {a: sorted(r) for a, r in want[binary]["grants"].items()}
        for action, resources in have["grants"].items():
            if "*" in action:
                errors.append(f"{binary}: wildcard action {action}")
            for r in resources:
                # An S3 object prefix (`Bucket/prefix/*`) is the one wildcard a grant may hold.
                prefix = action.startswith("s3:") and re.fullmatch(r"[A-Za-z0-9]+/[a-z0-9-]+/\*", r)
                if "*" in r and not prefix:
                    errors.append(f"{binary}: wildcard resource {r} for {action}")
            if action not in wanted:
                errors.append(f"{binary}: extra action {action} on {resources}")
            elif resources != wanted[action]:
                extra = sorted(set(resources) - set(wanted[action]))
                missing = sorted(set(wanted[action]) - set(resources))
                errors.append(f"{binary}: {action} extra {extra}, missing {missing}")
        for action in sorted(set(wanted) - set(have["grants"])):
            errors.append(f"{binary}: {action} on {wanted[action]} expected, not granted")
    return errors


def markdown(found: dict[str, dict[str, Any]]) -> str:
    """The README's table: one row per function and resource set, `Table` actions first."""
    rows = ["| function | actions | resources |", "|---|---|---|"]
    for binary, role in found.items():
        by_resources: dict[tuple[str, ...], list[str]] = {}
        for action, resources in role["grants"].items():
            by_resources.setdefault(tuple(resources), []).append(action)
        if not by_resources:
            rows.append(f"| `{binary}` | none | |")
        for resources, actions in sorted(by_resources.items(), key=lambda kv: _order(kv[1])):
            acts = ", ".join(f"`{a}`" for a in sorted(actions, key=_action_order))
            res = ", ".join(f"`{r}`" for r in resources)
            rows.append(f"| `{binary}` | {acts} | {res} |")
    return "\n".join(rows) + "\n"


_ORDER = ["GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem"]


def _action_order(action: str) -> tuple[int, str]:
    service, _, name = action.partition(":")
    rank = _ORDER.index(name) if name in _ORDER else len(_ORDER)
    return ({"dynamodb": 0, "s3": 1, "sqs": 2}.get(service, 3), f"{rank:02}{name}")


def _order(actions: list[str]) -> tuple[int, str]:
    return min(_action_order(a) for a in actions)


def wiring(found: dict[str, dict[str, Any]], root: Path) -> list[str]:
    """Where a function's main.rs wires files (S3) or the queue (SQS) and its role does not
    grant them, or the other way round: the ports beyond the table are wired per function
    (`service::deployed`), so the two lists must agree."""
    errors = []
    for binary, role in sorted(found.items()):
        main = root / "functions" / binary / "src" / "main.rs"
        if not main.exists():
            continue
        text = main.read_text()
        actions = role["grants"]
        for port, call, granted in (
            ("files (S3)", "with_files()", any(a.startswith("s3:") for a in actions)),
            ("the queue (SQS)", "with_queue()", "sqs:SendMessage" in actions),
        ):
            wired = call in text
            if wired and not granted:
                errors.append(f"{binary} wires {port} but its role grants no access to it")
            if granted and not wired:
                errors.append(f"{binary}'s role grants {port} but its main.rs does not wire it")
    return errors
