"""Planted faults: each must be reported, or the checks themselves are broken."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable

from . import privileges, template_checks


def _report(cfn: dict[str, Any]) -> dict[str, Any]:
    return privileges.role_of(cfn, privileges.functions(cfn)["report"])


def _planted(cfn: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    faults = []

    def fault(name: str, change: Callable[[dict[str, Any]], None]) -> None:
        broken = copy.deepcopy(cfn)
        change(broken)
        faults.append((name, broken))

    def scan(c: dict[str, Any]) -> None:
        _report(c)["Policies"][0]["PolicyDocument"]["Statement"][0]["Action"].append("dynamodb:Scan")

    def any_index(c: dict[str, Any]) -> None:
        statement = _report(c)["Policies"][0]["PolicyDocument"]["Statement"][1]
        statement["Resource"] = [{"Fn::Sub": "${Table.Arn}/index/*"}]

    def send_all(c: dict[str, Any]) -> None:
        _report(c)["Policies"][0]["PolicyDocument"]["Statement"].append(
            {"Effect": "Allow", "Action": "sqs:SendMessage*", "Resource": "*"})

    def managed(c: dict[str, Any]) -> None:
        _report(c)["ManagedPolicyArns"].append("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")

    def cycle(c: dict[str, Any]) -> None:
        env = c["Resources"]["PreSignUpFunction"]["Properties"]["Environment"]["Variables"]
        env["JWT_ISSUER"] = {"Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}"}

    fault("a Scan", scan)
    fault("an index wildcard", any_index)
    fault("a wildcard action and resource", send_all)
    fault("a managed policy", managed)
    fault("a dependency cycle", cycle)
    return faults


def run(cfn: dict[str, Any], expected: dict[str, Any], root: Path) -> list[str]:
    """The planted faults that went unreported (empty: the checks see them all)."""
    missed = []
    for name, broken in _planted(cfn):
        reported: list[str] = []
        reported += privileges.problems(expected, privileges.actual(broken))
        template_checks.cycle(broken, reported.append)
        if not reported:
            missed.append(name)
    return missed
