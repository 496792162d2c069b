"""The template as CloudFormation receives it: the SAM transform, run offline.

`sam deploy` uploads each function's build and rewrites CodeUri to its S3 location; here every
function points at one stand-in zip in `CODE_BUCKET`, which is all the transform (and moto's
Lambda) needs.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

CODE_BUCKET = "qabyldau-check-code"
CODE_KEY = "bootstrap.zip"


class _NoManagedPolicies:
    """SAM names AWS-managed policies by ARN itself; no lookup in an account is needed."""

    def load(self) -> dict[str, str]:
        return {}


def load(path: Path) -> dict[str, Any]:
    return yaml_parse(path.read_text())


def transformed(template: dict[str, Any], parameters: dict[str, str] | None = None) -> dict[str, Any]:
    """The SAM template translated to plain CloudFormation (needs AWS_REGION set)."""
    sam = copy.deepcopy(template)
    for resource in sam["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = f"s3://{CODE_BUCKET}/{CODE_KEY}"
    return transform(sam, parameters or {}, _NoManagedPolicies())


def references(node: Any) -> set[str]:
    """Logical ids (or parameters) a piece of template refers to: Ref, GetAtt, Sub."""
    out: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                out.add(value)
            elif key == "Fn::GetAtt":
                out.add(value[0] if isinstance(value, list) else value.split(".")[0])
            elif key == "Fn::Sub":
                text = value if isinstance(value, str) else value[0]
                out |= {m.split(".")[0] for m in re.findall(r"\$\{([^}!][^}]*)\}", text)}
                if not isinstance(value, str):
                    out |= references(value[1])
            else:
                out |= references(value)
    elif isinstance(node, list):
        for item in node:
            out |= references(item)
    return out


def dependency_cycle(cfn: dict[str, Any]) -> list[str] | None:
    """A cycle among the resources (CloudFormation refuses such a template), or None."""
    resources = cfn["Resources"]
    graph: dict[str, set[str]] = {}
    for name, resource in resources.items():
        deps = resource.get("DependsOn", [])
        deps = [deps] if isinstance(deps, str) else deps
        graph[name] = {d for d in references(resource.get("Properties", {})) | set(deps) if d in resources}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if not state.get(dep):
                found = visit(dep)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for name in sorted(graph):
        if not state.get(name):
            found = visit(name)
            if found:
                return found
    return None
